import type { UploadItem } from '../../../shared/ipc/contract/uploads';
import type { DesktopSettings } from '../../../shared/settings';

/** Which desktop notifications the user wants (Settings > Desktop). */
export type NotificationPrefs = Pick<DesktopSettings, 'notifyUploads' | 'notifyRemotePins'>;

export interface DesktopNotification {
  title: string;
  body: string;
}

/** Uploads shorter than this are watched as they happen; only longer ones are worth a notification. */
export const LONG_UPLOAD_MS = 10_000;

export type NotifiableEvent =
  | { kind: 'upload'; item: UploadItem }
  | { kind: 'remote-pin-failed'; name: string; cid: string; service: string; reason: string };

/**
 * Whether an event becomes an OS notification, and its words. Never while the window has focus
 * (the user sees it there), never for a kind the user turned off, and for uploads only when a long
 * one finishes or fails (cancelled and interrupted ones were the user's or the app's own doing).
 */
export function notificationFor(
  event: NotifiableEvent,
  prefs: NotificationPrefs,
  windowFocused: boolean,
): DesktopNotification | null {
  if (windowFocused) return null;
  if (event.kind === 'remote-pin-failed') {
    if (!prefs.notifyRemotePins) return null;
    return { title: `Remote pin failed on ${event.service}`, body: `${event.name || event.cid}: ${event.reason}` };
  }
  const { item } = event;
  if (!prefs.notifyUploads || item.startedAt === null || item.finishedAt === null) return null;
  if (item.finishedAt - item.startedAt < LONG_UPLOAD_MS) return null;
  switch (item.state) {
    case 'added':
    case 'duplicate':
      return { title: 'Upload finished', body: `${item.name} is in Files${item.result ? `: ${item.result.cid}` : ''}` };
    case 'failed':
      return { title: 'Upload failed', body: `${item.name}: ${item.error?.message ?? 'unknown error'}` };
    default:
      return null;
  }
}
