import type { MfsEntry } from '../../../../shared/ipc/contract';

export type SortKey = 'name' | 'size' | 'type';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const exact = new Intl.Collator(undefined, { numeric: true, sensitivity: 'variant' });

/**
 * Natural order, any case; names it holds equal ("Case" and "case", "café" composed and decomposed,
 * "file2" and "file02") by case and accents, then by code units: names in a folder differ, so no two
 * tie, and the order neither depends on the node's (a sharded folder's is arbitrary) nor stays put
 * when the direction is reversed.
 */
function byName(a: string, b: string): number {
  return collator.compare(a, b) || exact.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const compare: Record<SortKey, (a: MfsEntry, b: MfsEntry) => number> = {
  name: (a, b) => byName(a.name, b.name),
  // A folder whose size is not known yet sorts as the smallest.
  size: (a, b) => (a.size ?? -1) - (b.size ?? -1) || byName(a.name, b.name),
  type: (a, b) => collator.compare(extension(a.name), extension(b.name)) || byName(a.name, b.name),
};

export interface Order {
  key: SortKey;
  descending: boolean;
}

function comparator(sort: Order): (a: MfsEntry, b: MfsEntry) => number {
  const direction = sort.descending ? -1 : 1;
  const by = compare[sort.key];
  return (a, b) => {
    if (a.type !== b.type) return a.type === 'folder' ? -1 : 1;
    return direction * by(a, b);
  };
}

/**
 * The rows to show: entries whose name contains the filter or whose CID starts with it, folders
 * first, then by the chosen key. Pure, so that 100,000 entries are sorted once per change, not per row.
 */
export function visibleEntries(entries: readonly MfsEntry[], sort: Order, filter: string): MfsEntry[] {
  return matching(entries, filter).sort(comparator(sort));
}

/** A new array of the entries whose name contains the filter or whose CID starts with it. */
function matching(entries: readonly MfsEntry[], filter: string): MfsEntry[] {
  const needle = filter.trim().toLowerCase();
  return needle
    ? entries.filter((entry) => entry.name.toLowerCase().includes(needle) || entry.cid.toLowerCase().startsWith(needle))
    : [...entries];
}

/**
 * visibleEntries with a memory of its last answer, so that 10,000 or 100,000 entries are not sorted
 * whole again for a small change (a whole sort of 10,000 names takes 150–250 ms, one long task):
 * - a listing still arriving page by page (the previous entries with more appended): only the new
 *   ones are sorted and merged in;
 * - a listing read again (an upload landed, a file was renamed): entries unchanged since the last
 *   answer keep its order, and only new or changed ones are sorted and merged in.
 */
export function createVisibleEntries(): (entries: readonly MfsEntry[], sort: Order, filter: string) => MfsEntry[] {
  let last: { entries: readonly MfsEntry[]; sort: Order; filter: string; rows: MfsEntry[] } | null = null;
  return (entries, sort, filter) => {
    const before = last !== null && sameOrder(last.sort, sort) ? last : null;
    const grown =
      before !== null &&
      before.filter === filter &&
      before.entries.length > 0 &&
      entries.length >= before.entries.length &&
      entries[0] === before.entries[0] &&
      entries[before.entries.length - 1] === before.entries[before.entries.length - 1];
    let rows: MfsEntry[];
    if (grown) {
      rows = merge(before.rows, visibleEntries(entries.slice(before.entries.length), sort, filter), comparator(sort));
    } else if (before !== null && before.rows.length > 0) {
      rows = reorder(before.rows, matching(entries, filter), sort);
    } else {
      rows = visibleEntries(entries, sort, filter);
    }
    last = { entries, sort, filter, rows };
    return rows;
  };
}

const sameOrder = (a: Order, b: Order) => a.key === b.key && a.descending === b.descending;

/**
 * Orders `entries` as `previous` (sorted the same way) had them: an entry with the same name, kind
 * and size as before takes its old place, as every field the order reads is unchanged; the others
 * are sorted and merged in. `entries` is sorted here only when most of it is new.
 */
function reorder(previous: MfsEntry[], entries: MfsEntry[], sort: Order): MfsEntry[] {
  const places = new Map<string, number>();
  previous.forEach((entry, index) => places.set(entry.name, index));
  const placed = new Array<MfsEntry | undefined>(previous.length);
  const fresh: MfsEntry[] = [];
  for (const entry of entries) {
    const at = places.get(entry.name);
    const was = at === undefined ? undefined : previous[at];
    if (at !== undefined && was?.type === entry.type && was.size === entry.size) placed[at] = entry;
    else fresh.push(entry);
  }
  if (fresh.length > entries.length / 2) return entries.sort(comparator(sort));
  const order = comparator(sort);
  return merge(
    placed.filter((entry): entry is MfsEntry => entry !== undefined),
    fresh.sort(order),
    order,
  );
}

function merge(left: MfsEntry[], right: MfsEntry[], order: (a: MfsEntry, b: MfsEntry) => number): MfsEntry[] {
  if (right.length === 0) return left;
  const merged: MfsEntry[] = new Array<MfsEntry>(left.length + right.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < left.length && j < right.length) {
    const a = left[i] as MfsEntry;
    const b = right[j] as MfsEntry;
    if (order(b, a) < 0) {
      merged[k++] = b;
      j++;
    } else {
      merged[k++] = a;
      i++;
    }
  }
  while (i < left.length) merged[k++] = left[i++] as MfsEntry;
  while (j < right.length) merged[k++] = right[j++] as MfsEntry;
  return merged;
}

/**
 * The row that takes the place of `shown[index]` once it is gone (deleted, moved away, filtered out):
 * the first row after it that is still shown, else the last one before it; null when none is.
 */
export function rowInPlaceOf(shown: readonly string[], index: number, still: ReadonlySet<string>): string | null {
  const after = shown.slice(index + 1).find((name) => still.has(name));
  if (after !== undefined) return after;
  return shown.slice(0, index).findLast((name) => still.has(name)) ?? null;
}
