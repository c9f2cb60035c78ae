import type { ComponentProps, ReactNode } from 'react';
import { Field } from '../ui/Field';
import { TextInput } from '../ui/TextInput';

/** A form row holding a text input: the Field names it, hints and errors it. */
export function TextField({
  label,
  hint,
  error,
  className,
  after,
  ...input
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  after?: ReactNode;
} & ComponentProps<typeof TextInput>) {
  return (
    <Field label={label} hint={hint} error={error} className={className} after={after}>
      <TextInput {...input} />
    </Field>
  );
}
