import { AppError } from '../../../shared/errors';
import type { LocalPin, PinName, PinType } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal } from '../kubo/kubo-errors';
import { cumulativeSize } from '../files/cumulative-size';
import type { DataStore } from '../store/data-store';
import { localPinsFile } from '../store/files/local-pins-file';
import { contentRefArgument, kuboPath } from '../content-argument';
import { inBatches } from '../batches';

const LIST_TIMEOUT_MS = 10 * 60_000;
/** Bounds a call about one CID or one folder. */
const ONE_CALL = { timeoutMs: 30_000 };
/** Pins go to the renderer in batches of up to 10,000, or every 250 ms (see inBatches). */
const PIN_BATCHES = { size: 10_000, intervalMs: 250 };

export interface LocalPins {
  /** Streams every pin of the node in batches, named by the Files path that holds it now; resolves with the count. */
  list(options: { indirect: boolean; signal: AbortSignal }, onBatch: (pins: LocalPin[]) => void): Promise<number>;
  /**
   * The pins that have a pin name, streamed. Kubo looks each name up one by one (three times slower
   * than the list), so names come in a second pass, after the rows are on screen.
   */
  names(signal: AbortSignal, onBatch: (names: PinName[]) => void): Promise<number>;
  /** A CID, `/ipfs/` path or link, or a Files path such as `/photos/cat.jpg`. */
  add(ref: string): Promise<LocalPin>;
  remove(cid: string): Promise<void>;
  /** Remembers when Cairn pinned content another way (an upload's pin). */
  notePinned(cid: string): Promise<void>;
  /** The DAG's total size, read from the node's own blocks only; null when they are not all there. */
  size(cid: string): Promise<number | null>;
}

/**
 * The node's own pins (`pin/ls?stream=true` is read line by line, so the first rows show before
 * the last pin is listed). Cairn remembers when it pinned something, in its own file,
 * because Kubo does not.
 */
export async function openLocalPins(
  store: DataStore,
  node: () => KuboClient,
  filesPaths: () => Promise<(cid: string) => string | null>,
  /** Told after each pin and unpin. */
  changed: () => void,
): Promise<LocalPins> {
  const pinTimes = await store.openList(localPinsFile);
  const pinnedAt = (cid: string) => pinTimes.get(cid)?.pinnedAt ?? null;
  const notePinned = (cid: string) => pinTimes.put([{ cid, pinnedAt: Date.now() }]);

  return {
    async list({ indirect, signal }, onBatch) {
      const pathOf = await filesPaths();
      let count = 0;
      for (const type of indirect ? ['all'] : ['recursive', 'direct']) {
        count += await streamPins(node(), { type }, signal, (pins) =>
          onBatch(
            pins.map((pin) => ({
              cid: pin.Cid,
              type: pin.Type,
              name: pathOf(pin.Cid) ?? '',
              pinnedAt: pinnedAt(pin.Cid),
            })),
          ),
        );
      }
      return count;
    },
    async names(signal, onBatch) {
      let count = 0;
      for (const type of ['recursive', 'direct']) {
        await streamPins(node(), { type, names: 'true' }, signal, (pins) => {
          const named = pins.filter((pin) => pin.Name).map((pin) => ({ cid: pin.Cid, name: pin.Name ?? '' }));
          count += named.length;
          if (named.length > 0) onBatch(named);
        });
      }
      return count;
    },
    async add(ref) {
      const path = await resolveRef(ref, node());
      const added = await node().call<{ Pins?: string[] }>(
        'pin/add',
        { arg: path, recursive: 'true' },
        { timeoutMs: LIST_TIMEOUT_MS },
      );
      const cid = added.Pins?.[0];
      if (!cid) throw new AppError('NODE_ERROR', `Kubo pinned nothing for ${ref}.`, { action: 'pin', target: ref });
      changed();
      await notePinned(cid);
      return {
        cid,
        type: 'recursive',
        name: (await filesPaths())(cid) ?? '',
        pinnedAt: pinnedAt(cid),
      };
    },
    async remove(cid) {
      await node().call('pin/rm', { arg: cid }, { timeoutMs: LIST_TIMEOUT_MS });
      changed();
      if (pinTimes.get(cid)) await pinTimes.remove([cid]);
    },
    notePinned,
    size: (cid) => cumulativeSize(node(), cid),
  };
}

interface KuboPin {
  Cid: string;
  Type: PinType;
  Name?: string;
}

function streamPins(
  kubo: KuboClient,
  params: Record<string, string>,
  signal: AbortSignal,
  onBatch: (pins: KuboPin[]) => void,
): Promise<number> {
  const query = { stream: 'true', ...params };
  const pins = kubo.lines<KuboPin>('pin/ls', query, { timeoutMs: LIST_TIMEOUT_MS, signal });
  return inBatches(pins, onBatch, PIN_BATCHES);
}

/** A Files path becomes its CID; anything else must read as a CID, `/ipfs/` path or link. */
async function resolveRef(ref: string, kubo: KuboClient): Promise<string> {
  const text = ref.trim();
  if (text.startsWith('/') && !text.startsWith('/ipfs/') && !text.startsWith('/ipns/')) {
    const found = await kubo
      .call<{ Hash: string }>('files/stat', { arg: text, hash: 'true' }, ONE_CALL)
      .catch((error: unknown) => {
        if (!(error instanceof KuboRefusal)) throw error;
        throw new AppError('NOT_FOUND', `Nothing in Files at ${text} (${error.kuboMessage}).`, { path: text });
      });
    return `/ipfs/${found.Hash}`;
  }
  return kuboPath(contentRefArgument(text));
}
