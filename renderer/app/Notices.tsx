import { Toast } from 'radix-ui';
import { revealLines } from '../../shared/hidden-characters';
import { CircleAlert, Info, X } from 'lucide-react';
import { Button } from '../ui/Button';
import { useAppStore } from './store';
import type { Notice } from './ui-slice';
import { MoreDetails } from '../ui/MoreDetails';

const INFO_MS = 5_000;
const ERROR_MS = 10_000;

/**
 * Errors and confirmations as a bounded stack of toasts in the bottom corner: long text wraps, each
 * closes by its button or Esc (F8 reaches them from the keyboard), and each goes away by itself
 * unless it is an error the user must act on. Hover or focus pauses the timer.
 */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  return (
    <Toast.Provider swipeDirection="right" label="Notification">
      {notices.map((notice) => (
        <NoticeToast key={notice.id} notice={notice} />
      ))}
      <Toast.Viewport className="toasts" aria-label="Notifications" />
    </Toast.Provider>
  );
}

function NoticeToast({ notice }: { notice: Notice }) {
  const dismiss = useAppStore((state) => state.dismissNotice);
  const Icon = notice.kind === 'error' ? CircleAlert : Info;
  return (
    <Toast.Root
      className={`toast toast-${notice.kind}`}
      type={notice.kind === 'error' ? 'foreground' : 'background'}
      duration={notice.sticky ? Infinity : notice.kind === 'error' ? ERROR_MS : INFO_MS}
      onOpenChange={(open) => !open && dismiss(notice.id)}
    >
      <Icon className="icon toast-icon" aria-hidden />
      <div className="toast-body">
        {notice.title && <Toast.Title className="toast-title">{revealLines(notice.title)}</Toast.Title>}
        {/* A notice quotes names from content ("Deleted “…”"): what they hide is shown, as in their rows. */}
        <Toast.Description className="toast-text">{revealLines(notice.text)}</Toast.Description>
        <MoreDetails text={notice.details && revealLines(notice.details)} />
        {notice.action && (
          <Toast.Action altText={notice.action.label} asChild>
            <Button onClick={notice.action.run}>{notice.action.label}</Button>
          </Toast.Action>
        )}
      </div>
      <Toast.Close data-variant="icon" aria-label="Dismiss notification" title="Dismiss">
        <X className="icon" aria-hidden />
      </Toast.Close>
    </Toast.Root>
  );
}
