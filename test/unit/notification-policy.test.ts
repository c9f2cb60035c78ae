import { describe, expect, it } from 'vitest';
import {
  LONG_UPLOAD_MS,
  notificationFor,
  type NotificationPrefs,
} from '../../electron/services/desktop/notification-policy';
import { createNotifier } from '../../electron/services/desktop/notifier';
import type { PinRequest } from '../../shared/ipc/contract/pins';
import type { UploadItem } from '../../shared/ipc/contract/uploads';

const all: NotificationPrefs = { notifyUploads: true, notifyRemotePins: true };
const cid = 'bafkreidgvpkjawlxz6sffxzwgooowe5yt7i6wsyg236mfoks77nywkptdq';

function upload(state: UploadItem['state'], durationMs: number, extra: Partial<UploadItem> = {}): UploadItem {
  return {
    id: 'u1',
    name: 'holiday.mov',
    kind: 'file',
    folder: '/',
    options: { profile: 'node', pin: true, hidden: false, symlinks: 'preserve', pinServices: [] },
    state,
    totalBytes: 1,
    totalFiles: 1,
    bytesDone: 1,
    filesDone: 1,
    createdAt: 0,
    startedAt: 1_000,
    finishedAt: 1_000 + durationMs,
    ...extra,
  };
}

const pinFailed = { kind: 'remote-pin-failed', name: 'photos', cid, service: 'Pinata', reason: 'quota' } as const;

describe('notification policy', () => {
  it('tells when a long upload finishes or fails', () => {
    const result = { cid, path: '/holiday.mov', size: 1, notes: [] };
    expect(notificationFor({ kind: 'upload', item: upload('added', LONG_UPLOAD_MS, { result }) }, all, false)).toEqual({
      title: 'Upload finished',
      body: `holiday.mov is in Files: ${cid}`,
    });
    const error = { code: 'NODE_UNAVAILABLE', message: 'The node stopped.' } as const;
    expect(notificationFor({ kind: 'upload', item: upload('failed', 60_000, { error }) }, all, false)).toEqual({
      title: 'Upload failed',
      body: 'holiday.mov: The node stopped.',
    });
  });

  it('stays quiet for short uploads, cancelled or interrupted ones, and while the window has focus', () => {
    expect(notificationFor({ kind: 'upload', item: upload('added', LONG_UPLOAD_MS - 1) }, all, false)).toBeNull();
    expect(notificationFor({ kind: 'upload', item: upload('cancelled', 60_000) }, all, false)).toBeNull();
    expect(notificationFor({ kind: 'upload', item: upload('interrupted', 60_000) }, all, false)).toBeNull();
    expect(notificationFor({ kind: 'upload', item: upload('added', 60_000) }, all, true)).toBeNull();
    expect(notificationFor(pinFailed, all, true)).toBeNull();
  });

  it('tells when a remote pin fails, naming the service and the reason', () => {
    expect(notificationFor(pinFailed, all, false)).toEqual({
      title: 'Remote pin failed on Pinata',
      body: 'photos: quota',
    });
    expect(notificationFor({ ...pinFailed, name: '' }, all, false)?.body).toBe(`${cid}: quota`);
  });

  it('lets each kind be turned off on its own', () => {
    const longUpload = { kind: 'upload', item: upload('added', 60_000) } as const;
    expect(notificationFor(longUpload, { notifyUploads: false, notifyRemotePins: true }, false)).toBeNull();
    expect(notificationFor(pinFailed, { notifyUploads: false, notifyRemotePins: true }, false)).not.toBeNull();
    expect(notificationFor(pinFailed, { notifyUploads: true, notifyRemotePins: false }, false)).toBeNull();
    expect(notificationFor(longUpload, { notifyUploads: true, notifyRemotePins: false }, false)).not.toBeNull();
  });
});

describe('notifier', () => {
  function pinRequest(status: PinRequest['status'], updatedAt: number): PinRequest {
    return {
      id: 'p1',
      cid,
      serviceId: 'svc12345',
      name: 'photos',
      meta: {},
      origins: [],
      via: 'cairn',
      status,
      requestId: null,
      reason: status === 'failed' ? 'quota' : null,
      failure: null,
      problem: null,
      stale: false,
      createdAt: 0,
      updatedAt,
      nextCheckAt: null,
      errors: 0,
    };
  }

  function notifier(initial: { uploads: UploadItem[]; pinRequests: PinRequest[] }) {
    const shown: string[] = [];
    const options = {
      prefs: () => all,
      windowFocused: () => false,
      serviceName: (id: string) => (id === 'svc12345' ? 'Pinata' : id),
      show: ({ title }: { title: string }) => shown.push(title),
    };
    return { shown, notifier: createNotifier(options, initial) };
  }

  it('tells each outcome once, and never what had finished before the app started', () => {
    const before = upload('failed', 60_000, { id: 'old' });
    const { shown, notifier: tell } = notifier({ uploads: [before], pinRequests: [pinRequest('failed', 5)] });
    tell.uploadsChanged([before]);
    tell.pinRequestsChanged([pinRequest('failed', 5)]);
    expect(shown).toEqual([]);

    const running = upload('adding', 60_000, { finishedAt: null });
    tell.uploadsChanged([running]);
    tell.uploadsChanged([upload('added', 60_000)]);
    tell.uploadsChanged([upload('added', 60_000)]);
    tell.pinRequestsChanged([pinRequest('pinning', 6)]);
    tell.pinRequestsChanged([pinRequest('failed', 7)]);
    tell.pinRequestsChanged([pinRequest('failed', 7)]);
    expect(shown).toEqual(['Upload finished', 'Remote pin failed on Pinata']);
  });

  it('tells a retried pin that fails again', () => {
    const { shown, notifier: tell } = notifier({ uploads: [], pinRequests: [] });
    tell.pinRequestsChanged([pinRequest('failed', 7)]);
    tell.pinRequestsChanged([pinRequest('queued', 8)]);
    tell.pinRequestsChanged([pinRequest('failed', 9)]);
    expect(shown).toEqual(['Remote pin failed on Pinata', 'Remote pin failed on Pinata']);
  });
});
