import { formatBytes, formatDuration } from '../../app/format';
import { useAppStore } from '../../app/store';
import { useVisibleInterval } from '../../app/use-visible-interval';
import { useState } from 'react';
import { cancelUploads, clearUploads, retryUploads } from './upload-actions';
import { progressOf } from './upload-progress';
import { UploadRow } from './UploadRow';

const RATE_REFRESH_MS = 1000;

/** Every upload of this and past sessions: overall progress, then one row each, newest first. */
export function UploadQueue() {
  const uploads = useAppStore((state) => state.uploads);
  const [now, setNow] = useState(Date.now);
  const running = uploads.some((item) => item.state === 'adding' || item.state === 'queued');
  useVisibleInterval(() => setNow(Date.now()), running ? RATE_REFRESH_MS : null);
  if (uploads.length === 0) return null;
  const overall = progressOf(uploads, now);
  const unfinished = uploads.filter((item) => item.state === 'adding' || item.state === 'queued').length;
  const failed = uploads.filter((item) => item.state === 'failed' || item.state === 'interrupted').length;
  const done = uploads.length - unfinished;
  return (
    <section className="upload-queue" aria-labelledby="uploads-title">
      <div className="upload-queue-head">
        <h2 id="uploads-title">Uploads</h2>
        {unfinished > 0 && (
          <p className="upload-overall" aria-live="polite">
            {unfinished} in progress: {formatBytes(overall.bytesDone)} of {formatBytes(overall.totalBytes)}
            {overall.totalFiles > 1 && `, ${overall.filesDone} of ${overall.totalFiles} files`}
            {overall.rate !== null && `, ${formatBytes(overall.rate)}/s`}
            {overall.secondsLeft !== null && `, about ${formatDuration(overall.secondsLeft)} left`}
          </p>
        )}
        <div className="actions">
          {unfinished > 0 && (
            <button type="button" onClick={() => cancelUploads('all')}>
              Cancel all uploads
            </button>
          )}
          {failed > 0 && (
            <button type="button" onClick={() => retryUploads('failed')}>
              Retry failed uploads
            </button>
          )}
          {done > 0 && (
            <button type="button" onClick={() => clearUploads('finished')}>
              Clear finished uploads
            </button>
          )}
        </div>
      </div>
      <ul className="uploads" aria-label="Uploads">
        {uploads.map((upload) => (
          // Only a running upload shows a rate, so only its row needs the clock.
          <UploadRow key={upload.id} upload={upload} now={upload.state === 'adding' ? now : 0} />
        ))}
      </ul>
    </section>
  );
}
