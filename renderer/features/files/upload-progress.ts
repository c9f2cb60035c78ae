import type { UploadItem } from '../../../shared/ipc/contract';

export interface Progress {
  bytesDone: number;
  totalBytes: number;
  filesDone: number;
  totalFiles: number;
  /** Bytes per second since the work started; null before there is anything to measure. */
  rate: number | null;
  secondsLeft: number | null;
}

/**
 * What the queue's summary line needs, kept up to date item by item (`counted`) rather than
 * added up again over every upload on each change.
 */
export interface UploadTotals {
  items: number;
  /** Queued or adding; the sums below are theirs. */
  unfinished: number;
  failed: number;
  cancelled: number;
  bytesDone: number;
  totalBytes: number;
  filesDone: number;
  totalFiles: number;
  /** Unfinished items whose size is not known yet (a folder still being walked). */
  unsized: number;
  /** When each running upload started (start time -> how many started then): a handful at a time. */
  starts: ReadonlyMap<number, number>;
}

export const noTotals: UploadTotals = {
  items: 0,
  unfinished: 0,
  failed: 0,
  cancelled: 0,
  bytesDone: 0,
  totalBytes: 0,
  filesDone: 0,
  totalFiles: 0,
  unsized: 0,
  starts: new Map(),
};

const active = (item: UploadItem) => item.state === 'adding' || item.state === 'queued';

/** The totals with `item` counted in (sign 1) or taken out (sign -1). */
export function counted(totals: UploadTotals, item: UploadItem, sign: 1 | -1): UploadTotals {
  const next = { ...totals, items: totals.items + sign };
  if (item.state === 'failed' || item.state === 'interrupted') next.failed += sign;
  if (item.state === 'cancelled') next.cancelled += sign;
  if (!active(item)) return next;
  next.unfinished += sign;
  next.bytesDone += sign * item.bytesDone;
  next.totalBytes += sign * (item.totalBytes ?? 0);
  next.filesDone += sign * item.filesDone;
  next.totalFiles += sign * (item.totalFiles ?? 0);
  if (item.totalBytes === null) next.unsized += sign;
  if (item.state === 'adding' && item.startedAt !== null) {
    const starts = new Map(totals.starts);
    const count = (starts.get(item.startedAt) ?? 0) + sign;
    if (count > 0) starts.set(item.startedAt, count);
    else starts.delete(item.startedAt);
    next.starts = starts;
  }
  return next;
}

export function totalsOf(items: UploadItem[]): UploadTotals {
  return items.reduce((totals, item) => counted(totals, item, 1), noTotals);
}

/** Progress of all unfinished items together, measured from when the earliest running one started. */
export function progressFrom(totals: UploadTotals, now: number): Progress {
  const { bytesDone, totalBytes, filesDone, totalFiles } = totals;
  const earliest = totals.starts.size > 0 ? Math.min(...totals.starts.keys()) : null;
  const elapsed = earliest === null ? 0 : (now - earliest) / 1000;
  const rate = elapsed > 0.5 && bytesDone > 0 ? bytesDone / elapsed : null;
  return {
    bytesDone,
    totalBytes,
    filesDone,
    totalFiles,
    rate,
    secondsLeft: rate && totals.unsized === 0 ? Math.max(0, totalBytes - bytesDone) / rate : null,
  };
}

/** Progress of one item, or of all unfinished ones together. */
export function progressOf(items: UploadItem[], now: number): Progress {
  return progressFrom(totalsOf(items), now);
}
