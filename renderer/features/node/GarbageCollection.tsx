import { useRef, useState } from 'react';
import type { GcResult } from '../../../shared/ipc/contract';
import { formatBytes } from '../../app/format';
import { collectGarbage } from './node-actions';

/** Garbage collection, only after a confirmation that says what will be lost. */
export function GarbageCollection() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<GcResult | null>(null);

  const run = async () => {
    dialog.current?.close();
    setRunning(true);
    setResult(await collectGarbage());
    setRunning(false);
  };

  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} disabled={running}>
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
