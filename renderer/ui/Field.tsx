import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

/**
 * One form row: label, control, hint and error, in the same columns for every form. The control is
 * given the label's id, and the hint and error as its description.
 */
export function Field({
  label,
  hint,
  error,
  children,
  after,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** One control element: input, select or textarea. */
  children: ReactElement<Record<string, unknown>>;
  /** A button that belongs with the control (pick, test). */
  after?: ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = cloneElement(children, {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : children.props['aria-invalid'],
  });
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="field-control">
        {control}
        {after}
      </div>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
