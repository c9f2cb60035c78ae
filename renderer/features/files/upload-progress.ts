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

const active = (item: UploadItem) => item.state === 'adding' || item.state === 'queued';

/** Progress of one item, or of all unfinished ones together, measured from when adding started. */
export function progressOf(items: UploadItem[], now: number): Progress {
  const counted = items.filter(active);
  const sum = (pick: (item: UploadItem) => number) => counted.reduce((total, item) => total + pick(item), 0);
  const bytesDone = sum((item) => item.bytesDone);
  const totalBytes = sum((item) => item.totalBytes ?? 0);
  const starts = counted.flatMap((item) => (item.startedAt === null ? [] : [item.startedAt]));
  const elapsed = starts.length > 0 ? (now - Math.min(...starts)) / 1000 : 0;
  const rate = elapsed > 0.5 && bytesDone > 0 ? bytesDone / elapsed : null;
  const waiting = counted.some((item) => item.totalBytes === null);
  return {
    bytesDone,
    totalBytes,
    filesDone: sum((item) => item.filesDone),
    totalFiles: sum((item) => item.totalFiles ?? 0),
    rate,
    secondsLeft: rate && !waiting ? Math.max(0, totalBytes - bytesDone) / rate : null,
  };
}
