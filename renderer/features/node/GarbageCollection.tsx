import { useState } from 'react';
import type { GcPreview, GcResult } from '../../../shared/ipc/contract';
import { formatBytes } from '../../app/format';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { collectGarbage, previewGarbage } from './node-actions';

/** Garbage collection, only after a confirmation that says what it would remove and what keeps the rest. */
export function GarbageCollection() {
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<GcResult | null>(null);
  const [preview, setPreview] = useState<GcPreview | 'loading' | null>(null);

  const open = async () => {
    setPreview('loading');
    setConfirming(true);
    setPreview(await previewGarbage());
  };

  const run = async () => {
    setConfirming(false);
    setRunning(true);
    setResult(await collectGarbage());
    setRunning(false);
  };

  return (
    <>
      <Button onClick={() => void open()} disabled={running}>
        {running ? 'Collecting garbage…' : 'Collect garbage…'}
      </Button>
      {result && (
        <p role="status">
          Garbage collection freed {formatBytes(result.freedBytes)} ({result.removedBlocks} blocks removed)
          {result.errors.length > 0 ? `, with ${result.errors.length} errors: ${result.errors.join('; ')}` : ''}.
        </p>
      )}
      <Dialog
        open={confirming}
        title="Collect garbage?"
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button variant="danger" onClick={() => void run()}>
              Delete unpinned content
            </Button>
          </>
        }
      >
        <p>
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
      </Dialog>
    </>
  );
}
