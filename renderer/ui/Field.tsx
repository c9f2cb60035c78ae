import { cloneElement, useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';

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
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** One control element: input, select or textarea. */
  children: ReactElement<Record<string, unknown>>;
  /** A button that belongs with the control (pick, test). */
  after?: ReactNode;
  /** Where the row sits in a bar of its own (a filter, a switcher). */
  className?: string | undefined;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  useFocusWhenInvalid(id, Boolean(error));
  const control = cloneElement(children, {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : children.props['aria-invalid'],
  });
  return (
    <div className={className ? `field ${className}` : 'field'}>
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

/**
 * One box of a name and its value (a header, a pin's metadata), captioned on screen; its accessible
 * name comes from the control's own aria-label ("Header 1 name"). A refusal shows under the box and
 * describes it, as in a Field.
 */
export function PairField({
  caption,
  error,
  children,
}: {
  caption: ReactNode;
  error?: ReactNode;
  /** One control element with its own aria-label. */
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  useFocusWhenInvalid(id, Boolean(error));
  return (
    <div className="pair-field">
      <label className="pair-caption" htmlFor={id}>
        {caption}
      </label>
      {cloneElement(children, { id, 'aria-describedby': errorId, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A control that turns invalid takes focus, so that a person is at the field whose value was refused
 * (after Save, focus sat on the button). Not while someone types in a field: a check as they type
 * never moves them away from where they are.
 */
function useFocusWhenInvalid(id: string, invalid: boolean): void {
  const wasInvalid = useRef(invalid);
  useEffect(() => {
    if (invalid && !wasInvalid.current && !typingIn(document.activeElement)) document.getElementById(id)?.focus();
    wasInvalid.current = invalid;
  }, [id, invalid]);
}

function typingIn(element: Element | null): boolean {
  return (
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement ||
    (element instanceof HTMLInputElement && !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(element.type))
  );
}

/**
 * A checkbox row: the box, its label beside it and a hint under it, in the control column of the
 * form it sits in.
 */
export function CheckField({
  label,
  hint,
  checked,
  onChange,
  disabled,
}: {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field field-checkrow">
      <div className="field-control">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          disabled={disabled}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
