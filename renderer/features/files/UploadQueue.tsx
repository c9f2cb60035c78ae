import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Collapsible } from 'radix-ui';
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useAppStore } from '../../app/store';
import { useVisibleInterval } from '../../app/use-visible-interval';
import { Button } from '../../ui/Button';
import { keepFocusInList, keepFocusWhenGone } from '../../ui/keep-focus';
import { cancelUploads, clearUploads, retryUploads } from './upload-actions';
import { finishedSummary, progressSummary } from './upload-summary';
import { UploadRow } from './UploadRow';
import { revealName } from '../../../shared/hidden-characters';

const RATE_REFRESH_MS = 1000;
const ROW_ESTIMATE = 56;
// Cleared of its last rows the queue goes, the control pressed with it: the keyboard's place is the view's heading.
const focusViewWhenGone = keepFocusWhenGone(() => document.getElementById('view-title'));

/**
 * Every upload of this and past sessions in a panel that folds to one summary line: overall
 * progress and the queue's actions stay in that line, the rows (newest first) scroll in a
 * virtualized list, so thousands of uploads cost what a screenful does; the line reads totals the
 * store keeps up to date item by item.
 */
export function UploadQueue() {
  const totals = useAppStore((state) => state.uploadTotals);
  const queuing = useAppStore((state) => state.queuing);
  const [now, setNow] = useState(Date.now);
  const [open, setOpen] = useState(true);
  const { unfinished, failed } = totals;
  useVisibleInterval(() => setNow(Date.now()), unfinished > 0 ? RATE_REFRESH_MS : null);
  if (totals.items === 0 && !queuing) return null;
  const landed = totals.items - unfinished - failed - totals.cancelled;
  return (
    <Collapsible.Root open={open} onOpenChange={setOpen} asChild>
      <section ref={focusViewWhenGone} className="upload-queue panel" aria-labelledby="uploads-title">
        {/* A control that goes (Clear done, once done) gives the focus to the one now in its place. */}
        <div ref={keepFocusInList} className="upload-queue-head">
          <h2 id="uploads-title">Uploads</h2>
          {/* Only the status is live: it changes as uploads start and end, not with each step of their progress. */}
          <p className="upload-overall">
            {queuing && queuing.total > 1 && `Queuing ${queuing.read} of ${queuing.total} items; `}
            <span role="status">{unfinished > 0 ? 'Uploading' : finishedSummary(totals)}</span>
            {unfinished > 0 && `: ${progressSummary(totals, now)}`}
          </p>
          {unfinished > 0 && <Button onClick={() => cancelUploads('all')}>Cancel all uploads</Button>}
          {failed > 0 && <Button onClick={() => retryUploads('failed')}>Retry failed uploads</Button>}
          {/* Failed, cancelled and interrupted rows stay, with why and their Retry. */}
          {landed > 0 && <Button onClick={() => clearUploads('landed')}>Clear done uploads</Button>}
          <Collapsible.Trigger asChild>
            <Button icon={open ? ChevronUp : ChevronDown}>{open ? 'Hide uploads' : 'Show uploads'}</Button>
          </Collapsible.Trigger>
        </div>
        <Collapsible.Content>
          <UploadList now={now} />
        </Collapsible.Content>
      </section>
    </Collapsible.Root>
  );
}

function UploadList({ now }: { now: number }) {
  const uploads = useAppStore((state) => state.uploads);
  const scroller = useRef<HTMLDivElement>(null);
  // This app does not use the React Compiler; the virtualizer re-renders the list itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: uploads.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => uploads[index]?.id ?? index,
    overscan: 6,
  });
  return (
    <div ref={scroller} className="upload-scroller" data-scroll-area>
      <ul
        ref={keepFocusInList}
        tabIndex={-1}
        className="uploads"
        aria-label="Uploads"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const upload = uploads[item.index];
          if (!upload) return null;
          return (
            <li
              key={upload.id}
              ref={virtualizer.measureElement}
              data-index={item.index}
              tabIndex={-1}
              className={`upload upload-${upload.state}`}
              aria-label={revealName(upload.name)}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {/* Only a running upload shows a rate, so only its row needs the clock. */}
              <UploadRow upload={upload} now={upload.state === 'adding' ? now : 0} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
