import { useRef, useState } from 'react';
import type { GcPreview, GcResult } from '../../../shared/ipc/contract';
import { formatBytes } from '../../app/format';
import { collectGarbage, previewGarbage } from './node-actions';

/** Garbage collection, only after a confirmation that says what it would remove and what keeps the rest. */
export function GarbageCollection() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<GcResult | null>(null);
  const [preview, setPreview] = useState<GcPreview | 'loading' | null>(null);

  const open = async () => {
    setPreview('loading');
    dialog.current?.showModal();
    setPreview(await previewGarbage());
  };

  const run = async () => {
    dialog.current?.close();
    setRunning(true);
    setResult(await collectGarbage());
    setRunning(false);
  };

  return (
    <>
      <button type="button" onClick={() => void open()} disabled={running}>
        {running ? 'Collecting garbage…' : 'Collect garbage…'}
      </button>
      {result && (
        <p role="status">
          Garbage collection freed {formatBytes(result.freedBytes)} ({result.removedBlocks} blocks removed)
          {result.errors.length > 0 ? `, with ${result.errors.length} errors: ${result.errors.join('; ')}` : ''}.
        </p>
      )}
      <dialog ref={dialog} aria-labelledby="gc-title" aria-describedby="gc-what">
        <h2 id="gc-title">Collect garbage?</h2>
        <p id="gc-what">
          This deletes from this node every block that is neither pinned nor in Files: content you viewed or fetched but
          did not keep. It cannot be undone; pinned content and everything in Files stays.
        </p>
        <p role="status" aria-label="What garbage collection would remove">
          {preview === 'loading'
            ? 'Counting what it would remove…'
            : preview === null
              ? 'Could not count what it would remove.'
              : `It would remove ${preview.removeBlocks} blocks (${formatBytes(preview.removeBytes)})${
                  preview.exact
                    ? ''
                    : ' or fewer: Files links content this node does not have, so the count is an upper bound'
                }. Kept: ${preview.keptByPins} blocks by pins, ${preview.keptByFiles} by Files.`}
        </p>
        <div className="actions">
          <button type="button" onClick={() => void run()}>
            Delete unpinned content
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
