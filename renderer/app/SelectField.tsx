import type { ComponentProps, ReactNode } from 'react';
import { Field } from '../ui/Field';
import { Select } from '../ui/Select';

/** A form row holding a select: the Field names it, hints and errors it. */
export function SelectField<T extends string>({
  label,
  hint,
  error,
  className,
  ...select
}: { label: ReactNode; hint?: ReactNode; error?: ReactNode; className?: string } & ComponentProps<typeof Select<T>>) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      <Select {...select} />
    </Field>
  );
}
