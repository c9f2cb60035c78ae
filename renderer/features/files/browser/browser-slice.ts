import type { Kept, LocalKeep, MfsEntry } from '../../../../shared/ipc/contract';
import type { SliceCreator } from '../../../app/store';
import type { SortKey } from './entry-order';

export type ListingState = 'loading' | 'partial' | 'done' | 'error';

export interface BrowserSlice {
  /** The MFS folder on screen, '/' for the root. */
  folder: string;
  /** Its entries in the node's order (a sharded folder's is arbitrary); the view sorts and filters. */
  entries: MfsEntry[];
  /** The open folder's CID when it was listed. */
  folderCid: string | null;
  listing: ListingState;
  listingError: string | null;
  sort: { key: SortKey; descending: boolean };
  filter: string;
  /** Names of the selected entries in the open folder, in the order they were picked. */
  selected: string[];
  /** Where Shift extends a selection from, and where the keyboard cursor is. */
  anchor: string | null;
  cursor: string | null;
  /** Entries cut to be moved by the next paste, with the folder they came from. */
  cut: { folder: string; names: string[] } | null;
  previewing: MfsEntry | null;
  /** What keeps each row on the node, by CID, filled for the rows that have been on screen. */
  pinned: Record<string, Kept<LocalKeep>>;
  /** Cumulative sizes of the folder rows that have been on screen; null where the node lacks blocks. */
  folderSizes: Record<string, number | null>;
  setSort: (sort: BrowserSlice['sort']) => void;
  setFilter: (filter: string) => void;
  /** Selects `name` alone (or nothing). */
  select: (name: string | null) => void;
  /** Ctrl/Cmd+click: adds or removes one. */
  toggleSelected: (name: string) => void;
  /** Shift+click or Shift+arrow: the run between the anchor and `name`, in the order on screen. */
  selectRange: (order: readonly string[], name: string) => void;
  selectAll: (names: readonly string[]) => void;
  /** Makes `name` the active row, the selection as it was (the active one filtered out of view). */
  moveCursor: (name: string | null) => void;
  /**
   * The active row's entry gone from the folder (deleted, moved away): `name`, the row in its place, is
   * the active one, and the selected one too when nothing else selected is still there, so that the
   * next Delete acts on what the keys are on.
   */
  replaceGone: (name: string, present: ReadonlySet<string>) => void;
  setCut: (cut: BrowserSlice['cut']) => void;
  setPreviewing: (entry: MfsEntry | null) => void;
  notePinned: (states: Record<string, Kept<LocalKeep>>) => void;
  noteFolderSizes: (sizes: Record<string, number | null>) => void;
}

export const createBrowserSlice: SliceCreator<BrowserSlice> = (set) => {
  return {
    folder: '/',
    entries: [],
    folderCid: null,
    listing: 'loading',
    listingError: null,
    sort: { key: 'name', descending: false },
    filter: '',
    selected: [],
    anchor: null,
    cursor: null,
    cut: null,
    previewing: null,
    pinned: {},
    folderSizes: {},
    setSort: (sort) => set({ sort }),
    setFilter: (filter) => set({ filter }),
    select: (name) => set({ selected: name === null ? [] : [name], anchor: name, cursor: name }),
    toggleSelected: (name) =>
      set((state) => ({
        selected: state.selected.includes(name)
          ? state.selected.filter((other) => other !== name)
          : [...state.selected, name],
        anchor: name,
        cursor: name,
      })),
    selectRange: (order, name) =>
      set((state) => {
        const from = state.anchor === null ? -1 : order.indexOf(state.anchor);
        const to = order.indexOf(name);
        if (from < 0 || to < 0) return { selected: [name], anchor: name, cursor: name };
        return { selected: order.slice(Math.min(from, to), Math.max(from, to) + 1), cursor: name };
      }),
    selectAll: (names) => set((state) => ({ selected: [...names], cursor: state.cursor ?? names[0] ?? null })),
    moveCursor: (cursor) => set({ cursor }),
    replaceGone: (name, present) =>
      set((state) => {
        const still = state.selected.filter((selected) => present.has(selected));
        return still.length > 0 ? { selected: still, cursor: name } : { selected: [name], anchor: name, cursor: name };
      }),
    setCut: (cut) => set({ cut }),
    setPreviewing: (previewing) => set({ previewing }),
    notePinned: (states) => set((state) => ({ pinned: { ...state.pinned, ...states } })),
    noteFolderSizes: (sizes) => set((state) => ({ folderSizes: { ...state.folderSizes, ...sizes } })),
  };
};
