import type { InputHTMLAttributes } from 'react';

type TextInputProps = {
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** A plain text input that hands its value on; its label comes from the Field it sits in (or an aria-label). */
export function TextInput({ value, onChange, ...input }: TextInputProps) {
  return <input {...input} value={value} onChange={(event) => onChange(event.currentTarget.value)} />;
}
