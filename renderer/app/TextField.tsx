import type { InputHTMLAttributes } from 'react';

type TextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>;

/** A text input named by its visible label, the way every form field here is found. */
export function TextField({ label, value, onChange, className, ...input }: TextFieldProps) {
  return (
    <label className={className}>
      {label}
      <input {...input} value={value} onChange={(event) => onChange(event.currentTarget.value)} />
    </label>
  );
}
