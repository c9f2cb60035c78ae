import type { LocalPin, PinName, PinRequest } from '../../../shared/ipc/contract';
import type { SliceCreator } from '../../app/store';

export interface LocalPinsListing {
  opId: string | null;
  state: 'idle' | 'listing' | 'done' | 'failed';
  /**
   * The last listing's rows this one has not listed yet, shown after its own until it has listed them
   * or ends: a list emptied to be filled again flashed "no pins" and lost the focus in it, and on a node
   * of many pins a row the first batch did not hold went until a later one brought it back.
   */
  earlier?: LocalPin[];
  /**
   * The names the last listing's rows had, by CID, lent to this one's rows until the node's names
   * (which follow the rows) are in: a row filtered by its name would go and come back meanwhile.
   */
  lent?: Record<string, string>;
  error?: string;
}

export interface PinsSlice {
  localPins: LocalPin[];
  localListing: LocalPinsListing;
  /** Sizes fetched lazily as rows come into view; null when the node does not have the whole DAG. */
  pinSizes: Record<string, number | null | 'loading'>;
  pinRequests: PinRequest[];
  /** Bumped whenever what keeps content changes (pins, Files, services), so badges ask again. */
  pinsVersion: number;
  /** Bumped when the node's pins or Files changed: the pin list and the rows' keep states are read again. */
  keepVersion: number;
  startLocalListing: (opId: string) => void;
  appendLocalPins: (opId: string, pins: LocalPin[]) => void;
  finishLocalListing: (opId: string, error?: string) => void;
  /** A pin Cairn removed: its row goes, whether this listing gave it or the last one. */
  removeLocalPin: (cid: string) => void;
  /** Pin names of the listing `opId` (they arrive after its rows), for the pins Files does not hold. */
  applyPinNames: (opId: string, names: PinName[]) => void;
  /** The listing's names are all in (or could not be read): its rows lend none any more. */
  finishPinNames: (opId: string) => void;
  setPinSize: (cid: string, size: number | null | 'loading') => void;
  setPinRequests: (requests: PinRequest[]) => void;
  pinsChanged: () => void;
  keepChanged: () => void;
}

export const createPinsSlice: SliceCreator<PinsSlice> = (set) => ({
  localPins: [],
  localListing: { opId: null, state: 'idle' },
  pinSizes: {},
  pinRequests: [],
  pinsVersion: 0,
  keepVersion: 0,
  startLocalListing: (opId) =>
    set((state) => {
      // A listing replaced before its names were in passes on the names it was lent.
      const named = state.localPins.filter((pin) => pin.name !== '');
      const lent =
        named.length > 0 || state.localListing.lent
          ? { ...state.localListing.lent, ...Object.fromEntries(named.map((pin) => [pin.cid, pin.name])) }
          : undefined;
      const earlier = state.localPins.length > 0 ? state.localPins : undefined;
      return { localListing: { opId, state: 'listing', ...(earlier && { earlier }), ...(lent && { lent }) } };
    }),
  // Batches of a listing that was replaced by a newer one are dropped.
  appendLocalPins: (opId, pins) =>
    set(({ localListing, localPins }) => {
      if (localListing.opId !== opId) return {};
      const { earlier, ...listing } = localListing;
      if (!earlier) return { localPins: localPins.concat(pins) };
      const listed = new Set(pins.map((pin) => pin.cid));
      const stillEarlier = earlier.filter((pin) => !listed.has(pin.cid));
      return {
        localPins: listedSoFar(localPins, earlier).concat(pins, stillEarlier),
        localListing: stillEarlier.length > 0 ? { ...listing, earlier: stillEarlier } : listing,
      };
    }),
  // The last listing's rows not listed again go: unpinned meanwhile, or (failed) not vouched for.
  finishLocalListing: (opId, error) =>
    set(({ localListing, localPins }) => {
      if (localListing.opId !== opId) return {};
      const { lent, earlier } = localListing;
      return {
        localListing: error ? { opId, state: 'failed', error } : { opId, state: 'done', ...(lent && { lent }) },
        ...(earlier && { localPins: listedSoFar(localPins, earlier) }),
      };
    }),
  removeLocalPin: (cid) =>
    set(({ localPins, localListing }) => {
      const { earlier, ...listing } = localListing;
      const stillEarlier = earlier?.filter((pin) => pin.cid !== cid);
      return {
        localPins: localPins.filter((pin) => pin.cid !== cid),
        localListing: stillEarlier?.length ? { ...listing, earlier: stillEarlier } : listing,
      };
    }),
  finishPinNames: (opId) =>
    set(({ localListing }) => {
      if (localListing.opId !== opId || !localListing.lent) return {};
      const { lent: _returned, ...listing } = localListing;
      return { localListing: listing };
    }),
  applyPinNames: (opId, names) =>
    set((state) => {
      if (state.localListing.opId !== opId) return {};
      const byCid = new Map(names.map((named) => [named.cid, named.name]));
      return {
        localPins: state.localPins.map((pin) =>
          !pin.name && byCid.has(pin.cid) ? { ...pin, name: byCid.get(pin.cid) ?? '' } : pin,
        ),
      };
    }),
  setPinSize: (cid, size) => set((state) => ({ pinSizes: { ...state.pinSizes, [cid]: size } })),
  setPinRequests: (requests) => set((state) => ({ pinRequests: requests, pinsVersion: state.pinsVersion + 1 })),
  pinsChanged: () => set((state) => ({ pinsVersion: state.pinsVersion + 1 })),
  // Rows ask again what keeps them, and the size of content that was not all here: its blocks may be back.
  keepChanged: () =>
    set((state) => ({
      pinsVersion: state.pinsVersion + 1,
      keepVersion: state.keepVersion + 1,
      pinned: {},
      folderSizes: withoutUnknown(state.folderSizes),
      pinSizes: withoutUnknown(state.pinSizes),
    })),
});

/**
 * The rows a listing has given so far: those shown but the last listing's still waiting for it (a
 * CID it lists leaves those, so none is both).
 */
function listedSoFar(shown: LocalPin[], earlier: LocalPin[]): LocalPin[] {
  const waiting = new Set(earlier.map((pin) => pin.cid));
  return shown.filter((pin) => !waiting.has(pin.cid));
}

/** The sizes known, without those the node could not give (null): asked again by the rows on screen. */
function withoutUnknown<T>(sizes: Record<string, T | null>): Record<string, T> {
  return Object.fromEntries(Object.entries(sizes).filter((entry): entry is [string, T] => entry[1] !== null));
}
