import { useState } from 'react';
import type { GcPreview, GcResult } from '../../../shared/ipc/contract';
import { formatBytes } from '../../app/format';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { MoreDetails } from '../../ui/MoreDetails';
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
        <div role="status">
          <p>{gcSummary(result)}</p>
          <MoreDetails text={gcDetails(result)} />
        </div>
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
              : previewSummary(preview)}
        </p>
      </Dialog>
    </>
  );
}

const blocks = (count: number) => `${count} ${count === 1 ? 'block' : 'blocks'}`;

/** Why Kubo's collector deletes nothing, and what lets it run. */
const stoppedByMissing = (count: number) =>
  `this node is missing ${blocks(count)} that pinned content links to, and Kubo deletes nothing while it cannot ` +
  'see all that is kept. Fetching the missing blocks, or unpinning what lacks them, lets the next collection run.';

function previewSummary(preview: GcPreview): string {
  if (preview.missingUnderPins > 0) return `It would remove nothing: ${stoppedByMissing(preview.missingUnderPins)}`;
  return (
    `It would remove ${preview.removeBlocks} blocks (${formatBytes(preview.removeBytes)}). ` +
    `Kept: ${preview.keptByPins} blocks by pins, ${preview.keptByFiles} by Files.`
  );
}

/** What a collection did, in plain words; Kubo's own words wait behind Details. */
function gcSummary(result: GcResult): string {
  if (result.unreadableBlocks > 0)
    return `Garbage collection removed nothing: ${stoppedByMissing(result.unreadableBlocks)}`;
  const freed = `Garbage collection freed ${formatBytes(result.freedBytes)} (${blocks(result.removedBlocks)} removed)`;
  if (result.undeletedBlocks > 0) return `${freed}; ${blocks(result.undeletedBlocks)} could not be deleted.`;
  if (result.problemCount > 0) return `${freed}, with ${result.problemCount} problems reported by the node.`;
  return `${freed}.`;
}

function gcDetails(result: GcResult): string | null {
  if (result.problemCount === 0) return null;
  const more = result.problemCount - result.problems.length;
  return [...result.problems, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n');
}
