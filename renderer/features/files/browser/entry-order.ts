import type { MfsEntry } from '../../../../shared/ipc/contract';

export type SortKey = 'name' | 'size' | 'type';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const compare: Record<SortKey, (a: MfsEntry, b: MfsEntry) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  // A folder whose size is not known yet sorts as the smallest.
  size: (a, b) => (a.size ?? -1) - (b.size ?? -1) || collator.compare(a.name, b.name),
  type: (a, b) => collator.compare(extension(a.name), extension(b.name)) || collator.compare(a.name, b.name),
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
  const needle = filter.trim().toLowerCase();
  const kept = needle
    ? entries.filter((entry) => entry.name.toLowerCase().includes(needle) || entry.cid.toLowerCase().startsWith(needle))
    : [...entries];
  return kept.sort(comparator(sort));
}

/**
 * visibleEntries with a memory of its last answer: when the entries are the previous ones with more
 * appended (a large folder still arriving page by page), only the new ones are sorted and merged in,
 * instead of sorting 100,000 entries again for every page.
 */
export function createVisibleEntries(): (entries: readonly MfsEntry[], sort: Order, filter: string) => MfsEntry[] {
  let last: { entries: readonly MfsEntry[]; sort: Order; filter: string; rows: MfsEntry[] } | null = null;
  return (entries, sort, filter) => {
    const before = last;
    const grown =
      before !== null &&
      before.sort === sort &&
      before.filter === filter &&
      before.entries.length > 0 &&
      entries.length >= before.entries.length &&
      entries[0] === before.entries[0] &&
      entries[before.entries.length - 1] === before.entries[before.entries.length - 1];
    const rows = grown
      ? merge(before.rows, visibleEntries(entries.slice(before.entries.length), sort, filter), comparator(sort))
      : visibleEntries(entries, sort, filter);
    last = { entries, sort, filter, rows };
    return rows;
  };
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
