import type { PinRequest } from '../../../shared/ipc/contract/pins';
import type { UploadItem } from '../../../shared/ipc/contract/uploads';
import { notificationFor, type DesktopNotification, type NotificationPrefs } from './notification-policy';

export interface NotifierOptions {
  prefs(): NotificationPrefs;
  windowFocused(): boolean;
  serviceName(serviceId: string): string;
  show(notification: DesktopNotification): void;
}

/**
 * Turns the queue's and the pin tracker's change reports into notifications, each outcome once:
 * what had already finished or failed when the app started is never announced.
 */
export function createNotifier(
  options: NotifierOptions,
  initial: { uploads: readonly UploadItem[]; pinRequests: readonly PinRequest[] },
) {
  const settledUploads = new Set(initial.uploads.filter((item) => item.finishedAt !== null).map(uploadOutcome));
  const failedPins = new Set(initial.pinRequests.filter((request) => request.status === 'failed').map(pinOutcome));

  function announce(notification: DesktopNotification | null): void {
    if (notification) options.show(notification);
  }

  return {
    uploadsChanged(items: readonly UploadItem[]): void {
      for (const item of items) {
        if (item.finishedAt === null || settledUploads.has(uploadOutcome(item))) continue;
        settledUploads.add(uploadOutcome(item));
        announce(notificationFor({ kind: 'upload', item }, options.prefs(), options.windowFocused()));
      }
    },
    pinRequestsChanged(requests: readonly PinRequest[]): void {
      for (const request of requests) {
        if (request.status !== 'failed' || failedPins.has(pinOutcome(request))) continue;
        failedPins.add(pinOutcome(request));
        const event = {
          kind: 'remote-pin-failed',
          name: request.name,
          cid: request.cid,
          service: options.serviceName(request.serviceId),
          reason: request.reason ?? request.failure?.message ?? 'no reason given',
        } as const;
        announce(notificationFor(event, options.prefs(), options.windowFocused()));
      }
    },
  };
}

// A retried upload or pin that fails again is a new outcome, told again.
const uploadOutcome = (item: UploadItem) => `${item.id}@${item.finishedAt}`;
const pinOutcome = (request: PinRequest) => `${request.id}@${request.updatedAt}`;
