import { formatBytes, formatDuration } from '../../app/format';
import { progressFrom, type UploadTotals } from './upload-progress';

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

/**
 * How far the unfinished uploads have got, in the summary line. While one is still being measured (a
 * folder being walked) their total is not known, so none is given rather than one too small.
 */
export function progressSummary(totals: UploadTotals, now: number): string {
  const { bytesDone, totalBytes, filesDone, totalFiles, rate, secondsLeft } = progressFrom(totals, now);
  return [
    `${totals.unfinished} in progress`,
    totals.unsized > 0
      ? `${formatBytes(bytesDone)}, size not known yet`
      : `${formatBytes(bytesDone)} of ${formatBytes(totalBytes)}`,
    ...(totalFiles > 1 && totals.unsized === 0 ? [`${filesDone} of ${totalFiles} files`] : []),
    ...(rate !== null ? [`${formatBytes(rate)}/s`] : []),
    ...(secondsLeft !== null ? [`about ${formatDuration(secondsLeft)} left`] : []),
  ].join(', ');
}
