import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { Dialog as Primitive } from 'radix-ui';

/**
 * A modal with a title, a body that scrolls, and actions that always stay on screen. Esc and the
 * overlay close it through `onClose`; Radix traps focus. With `onSubmit` the body and actions are one
 * form, so Enter submits.
 */
export function Dialog({
  title,
  open,
  onClose,
  children,
  actions,
  onSubmit,
  wide = false,
  role = 'dialog',
}: {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  children?: ReactNode;
  actions: ReactNode;
  onSubmit?: () => void;
  wide?: boolean;
  /** 'alertdialog' for a confirmation that destroys something. */
  role?: 'dialog' | 'alertdialog';
}) {
  const inner = (
    <>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">{actions}</div>
    </>
  );
  // Radix gives the focus back only to a Dialog.Trigger (or, with no field focused at once, to what had
  // it), and ours open from state (a button, a menu, F2) with their first field focused: closing left the
  // focus on the page's body, a keyboard user back at its top. What had the focus is read as it opens.
  const [opener, setOpener] = useState<Element | null>(() => (open ? document.activeElement : null));
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setOpener(document.activeElement);
  }
  const giveBack = (event: Event) => {
    if (!(opener instanceof HTMLElement) || !opener.isConnected) return;
    event.preventDefault();
    opener.focus();
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onSubmit?.();
  };
  return (
    <Primitive.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Primitive.Portal>
        <Primitive.Overlay className="dialog-overlay" />
        <Primitive.Content
          className={wide ? 'dialog dialog-wide' : 'dialog'}
          role={role}
          aria-describedby={undefined}
          onCloseAutoFocus={giveBack}
        >
          <Primitive.Title className="dialog-title">{title}</Primitive.Title>
          {onSubmit ? (
            <form className="dialog-form" onSubmit={submit}>
              {inner}
            </form>
          ) : (
            <div className="dialog-form">{inner}</div>
          )}
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
