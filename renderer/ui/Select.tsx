import type { SelectHTMLAttributes } from 'react';

type SelectProps<T extends string> = {
  value: T;
  options: readonly (readonly [T, string])[];
  /** Gets one of the offered values, typed, never a cast string. */
  onChange: (value: T) => void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** A plain select of typed options; its label comes from the Field it sits in (or an aria-label). */
export function Select<T extends string>({ value, options, onChange, ...select }: SelectProps<T>) {
  return (
    <select
      {...select}
      value={value}
      onChange={(event) => {
        const chosen = options.find(([option]) => option === event.currentTarget.value);
        if (chosen) onChange(chosen[0]);
      }}
    >
      {options.map(([option, text]) => (
        <option key={option} value={option}>
          {text}
        </option>
      ))}
    </select>
  );
}
