import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Kept, LocalPin, NodeKeep, PinType } from '../../../shared/ipc/contract';
import { CloudUpload, PinOff } from 'lucide-react';
import { formatBytes } from '../../app/format';
import { Button, IconButton } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { keepFocusInList } from '../../ui/keep-focus';
import { SelectField } from '../../app/SelectField';
import { TextField } from '../../app/TextField';
import { useFieldFaults } from '../../app/field-faults';
import { useAppStore } from '../../app/store';
import { unpinWarning, type UnpinWarning } from './copies';
import { filterAndSortPins, type PinSortKey } from './local-pin-order';
import { nodeKeepLabels, withMissing } from './pin-labels';
import {
  keepStatusOf,
  keptAfterUnpin,
  keptOnNode,
  listLocalPins,
  loadPinSize,
  pinLocally,
  unpinLocally,
} from './pins-actions';
import { PinToServicesDialog } from './PinToServices';
import { NoLocalPins } from './PinsEmpty';
import { CheckField } from '../../ui/Field';
import { revealName } from '../../../shared/hidden-characters';
import { Name } from '../../ui/Name';

const ROW_HEIGHT = 36;
const typeOptions = [
  ['all', 'All types'],
  ['recursive', 'Recursive'],
  ['direct', 'Direct'],
  ['indirect', 'Indirect'],
] as const;
const sortOptions = [
  ['node', 'Node order'],
  ['pinned-at', 'Date pinned'],
  ['name', 'Name'],
  ['cid', 'CID'],
  ['type', 'Type'],
] as const;

/** Every pin of the node, streamed in and virtualized: only the rows on screen exist in the page. */
export function LocalPins() {
  const { pins, listing } = useAppStore(
    useShallow((state) => ({ pins: state.localPins, listing: state.localListing })),
  );
  const [filter, setFilter] = useState('');
  const [type, setType] = useState<PinType | 'all'>('all');
  const [sort, setSort] = useState<PinSortKey>('node');
  const [indirect, setIndirect] = useState(false);
  const [ref, setRef] = useState('');
  const refFaults = useFieldFaults(['ref']);
  const [pinningTo, setPinningTo] = useState<LocalPin | null>(null);
  const named = useMemo(() => withLentNames(pins, listing.lent), [pins, listing.lent]);
  const shown = useMemo(() => filterAndSortPins(named, filter, type, sort), [named, filter, type, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  // No React Compiler here, so nothing memoizes the virtualizer's functions; the rule warns for that case only.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  useEffect(() => {
    if (useAppStore.getState().localListing.state === 'idle') void listLocalPins();
  }, []);
  // Pins or Files changed (here, elsewhere in Cairn, or behind its back): the list and its names follow.
  const keepVersion = useAppStore((state) => state.keepVersion);
  const kept = useKeptOnScreen(shown, virtualizer.getVirtualItems(), keepVersion);
  useEffect(() => {
    if (keepVersion > 0 && useAppStore.getState().localListing.state !== 'listing') void listLocalPins(indirect);
    // Only a change of what keeps content lists again; the indirect switch lists by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keepVersion]);

  const pinByRef = async (event: SubmitEvent) => {
    event.preventDefault();
    refFaults.show(null);
    if (await pinLocally(ref, refFaults.show)) {
      setRef('');
      void listLocalPins(indirect);
    }
  };

  return (
    <section aria-labelledby="local-pins-title" className="local-pins">
      <h2 id="local-pins-title">On this node</h2>
      <form className="inline-form" aria-label="Pin by CID or path" onSubmit={(event) => void pinByRef(event)}>
        <TextField
          label="CID or path to pin"
          value={ref}
          onChange={setRef}
          placeholder="bafy…, /ipfs/bafy…/file, ipfs://…, or a Files path like /photos/cat.jpg"
          spellCheck={false}
          error={refFaults.at('ref')}
        />
        <button type="submit" disabled={ref.trim() === ''}>
          Pin
        </button>
      </form>
      <div className="toolbar">
        <TextField label="Filter by name or CID" value={filter} onChange={setFilter} type="search" />
        <SelectField label="Type" value={type} options={typeOptions} onChange={setType} />
        <SelectField label="Sort by" value={sort} options={sortOptions} onChange={setSort} />
        <CheckField
          label="Include indirect pins (slow on large nodes)"
          checked={indirect}
          onChange={(on) => {
            setIndirect(on);
            void listLocalPins(on);
          }}
        />
        <button type="button" onClick={() => void listLocalPins(indirect)}>
          Refresh pins
        </button>
      </div>
      <p role="status" className="hint">
        {listing.state === 'listing' &&
          (listing.earlier
            ? 'Listing pins again… showing the last listing until it comes'
            : `Listing pins… ${pins.length.toLocaleString()} so far`)}
        {listing.state === 'done' &&
          `${pins.length.toLocaleString()} pin${pins.length === 1 ? '' : 's'}${shown.length === pins.length ? '' : `, ${shown.length.toLocaleString()} shown`}`}
        {listing.state === 'failed' && `Could not list pins: ${listing.error ?? ''}`}
      </p>
      {listing.state === 'done' && pins.length === 0 ? (
        <NoLocalPins />
      ) : (
        <div ref={scroller} className="pin-scroller" data-scroll-area>
          {/* Inside the scroller, so the header shares the rows' width with the scrollbar taken. */}
          <div className="pin-rows-header" aria-hidden="true">
            <span>Name</span>
            <span>CID</span>
            <span className="pin-col-type">Type</span>
            <span>Size</span>
            <span className="pin-col-when">Pinned by Cairn</span>
            <span />
          </div>
          <ul
            ref={keepFocusInList}
            tabIndex={-1}
            aria-label="Local pins"
            aria-busy={listing.state === 'listing'}
            className="pin-rows"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const pin = shown[item.index];
              if (!pin) return null;
              return (
                <li
                  key={`${pin.cid}-${pin.type}`}
                  tabIndex={-1}
                  className="pin-row"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  aria-label={revealName(pin.name) || pin.cid}
                >
                  <PinRow pin={pin} kept={kept[pin.cid]} onPinToServices={() => setPinningTo(pin)} />
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <PinToServicesDialog
        cids={pinningTo ? [pinningTo.cid] : []}
        defaultName={pinningTo?.name.split('/').pop() ?? ''}
        open={pinningTo !== null}
        onClose={() => setPinningTo(null)}
      />
    </section>
  );
}

/** Rows still waiting for the node's names take the names they had in the last listing. */
function withLentNames(pins: LocalPin[], lent: Record<string, string> | undefined): LocalPin[] {
  if (!lent) return pins;
  return pins.map((pin) => {
    const name = pin.name === '' ? lent[pin.cid] : undefined;
    return name ? { ...pin, name } : pin;
  });
}

/**
 * What the keep service says of the recursive pins on screen, asked in one call once they stay on
 * screen, again after each change: whether the node has all of each (a direct pin keeps one block).
 */
function useKeptOnScreen(
  shown: LocalPin[],
  items: { index: number }[],
  keepVersion: number,
): Record<string, Kept<NodeKeep>> {
  const [answered, setAnswered] = useState<{ version: number; kept: Record<string, Kept<NodeKeep>> }>({
    version: -1,
    kept: {},
  });
  const known = answered.version === keepVersion ? answered.kept : {};
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const unknown = shown
    .slice(first, last + 1)
    .filter((pin) => pin.type === 'recursive' && !(pin.cid in known))
    .map((pin) => pin.cid);
  const unknownKey = unknown.join(' ');
  useEffect(() => {
    if (unknown.length === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      keptOnNode(unknown).then(
        (answer) =>
          current &&
          setAnswered((before) => ({
            version: keepVersion,
            kept: { ...(before.version === keepVersion ? before.kept : {}), ...answer },
          })),
        // A hint on each row: the list stays usable without it.
        () => undefined,
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `unknownKey` stands for `unknown`
  }, [unknownKey, keepVersion]);
  return known;
}

function PinRow({
  pin,
  kept,
  onPinToServices,
}: {
  pin: LocalPin;
  kept: Kept<NodeKeep> | undefined;
  onPinToServices: () => void;
}) {
  const size = useAppStore((state) => state.pinSizes[pin.cid]);
  /** The warning open before Unpin; null: closed. */
  const [confirming, setConfirming] = useState<UnpinWarning | null>(null);
  useEffect(() => {
    // Sizes are asked only for rows on screen; again once a size the node could not give is dropped.
    if (pin.type !== 'indirect' && size === undefined) void loadPinSize(pin.cid);
  }, [pin.cid, pin.type, size]);

  /** Asking what else keeps it may walk every other pin: the button says so meanwhile, and takes no second click. */
  const [checking, setChecking] = useState(false);
  const unpin = async () => {
    if (checking) return;
    setChecking(true);
    try {
      const warning = await unpinWarning(await keepStatusOf(pin.cid), () => keptAfterUnpin(pin.cid));
      if (warning) setConfirming(warning);
      else await unpinLocally(pin.cid);
    } finally {
      setChecking(false);
    }
  };
  const label = revealName(pin.name) || pin.cid;

  return (
    <>
      {pin.name ? <Name value={pin.name} className="pin-name" /> : <span className="pin-name hint">no name</span>}
      <code className="pin-cid" title={pin.cid}>
        {pin.cid}
      </code>
      <span className="pin-col-type">{pin.type}</span>
      {kept?.keep && kept.missing > 0 ? (
        <span className="warning-text" title={withMissing(nodeKeepLabels[kept.keep], kept.missing)}>
          incomplete
        </span>
      ) : (
        <span>
          {size === undefined || size === 'loading' ? '…' : size === null ? 'not all here' : formatBytes(size)}
        </span>
      )}
      <span className="pin-col-when">{pin.pinnedAt ? new Date(pin.pinnedAt).toLocaleString() : ''}</span>
      <span className="pin-actions">
        {pin.type !== 'indirect' && (
          <>
            <IconButton icon={CloudUpload} label={`Pin to services ${label}`} onClick={onPinToServices} />
            <IconButton
              icon={PinOff}
              label={`Unpin ${label}`}
              title={checking ? 'Looking for what else keeps it…' : undefined}
              aria-busy={checking}
              onClick={() => void unpin()}
            />
          </>
        )}
      </span>
      <Dialog
        open={confirming !== null}
        role="alertdialog"
        title={
          pin.name ? (
            <>
              Unpin “<Name value={pin.name} />
              ”?
            </>
          ) : (
            'Unpin this content?'
          )
        }
        onClose={() => setConfirming(null)}
        actions={
          <>
            <Button onClick={() => setConfirming(null)}>Keep it</Button>
            <Button variant="danger" onClick={() => void unpinLocally(pin.cid).then(() => setConfirming(null))}>
              Unpin anyway
            </Button>
          </>
        }
      >
        {confirming === 'cannotTell' ? (
          <p>
            It is not in Files, and no pinning service has confirmed a pin of it. Cairn could not tell whether another
            pin on this node holds it: the look through the other pins did not finish. If none does, garbage collection
            will remove it from this node.
          </p>
        ) : (
          <p>
            Nothing else keeps it: no other pin on this node holds it, it is not in Files, and no pinning service has
            confirmed a pin of it. Garbage collection will remove it from this node.
          </p>
        )}
        <p className="hint">
          <code>{pin.cid}</code>
        </p>
      </Dialog>
    </>
  );
}
