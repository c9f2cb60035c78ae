import type { UploadTotals } from './upload-progress';

/**
 * What happened to the finished uploads, in the queue's summary line: "done" only for those that
 * landed; failed and cancelled ones are named as such, and a count of none is left out.
 */
export function finishedSummary({ items, unfinished, failed, cancelled }: UploadTotals): string {
  const done = items - unfinished - failed - cancelled;
  const parts = [
    [done, 'done'],
    [failed, 'failed'],
    [cancelled, 'cancelled'],
  ] as const;
  return parts
    .filter(([count]) => count > 0)
    .map(([count, word]) => `${count} ${word}`)
    .join(', ');
}
