import type { UploadItem } from '../../../shared/ipc/contract';
import { counted, noTotals, type UploadTotals } from './upload-progress';

/** The uploads as the panel shows them, with what lets a change touch only the items it names. */
export interface UploadList {
  /** Newest first. */
  uploads: UploadItem[];
  /** Where each item is in `uploads`. */
  uploadPositions: ReadonlyMap<string, number>;
  uploadTotals: UploadTotals;
}

export const emptyUploadList: UploadList = { uploads: [], uploadPositions: new Map(), uploadTotals: noTotals };

const newestFirst = (a: UploadItem, b: UploadItem) => b.createdAt - a.createdAt;

/**
 * Applies a change: a known item is replaced where it is (unless `keepKnown`: an answer may be
 * older than an event that already came), new items are sorted among themselves and merged in,
 * removed ones leave. The totals follow item by item. A change that only updates items costs what
 * those items cost, plus one copy of the array; only arrivals and removals renumber the positions.
 */
export function changedUploads(
  list: UploadList,
  change: { items: UploadItem[]; removed: string[] },
  keepKnown = false,
): UploadList {
  const { uploadPositions: positions } = list;
  let totals = list.uploadTotals;
  let uploads: UploadItem[] | null = null;
  const arrivals = new Map<string, UploadItem>();
  for (const item of change.items) {
    const at = positions.get(item.id);
    if (at === undefined) {
      arrivals.set(item.id, item);
      continue;
    }
    if (keepKnown) continue;
    uploads ??= [...list.uploads];
    totals = counted(counted(totals, uploads[at] as UploadItem, -1), item, 1);
    uploads[at] = item;
  }
  const gone = new Set(change.removed.filter((id) => positions.has(id) && !arrivals.has(id)));
  if (arrivals.size === 0 && gone.size === 0) {
    return uploads ? { uploads, uploadPositions: positions, uploadTotals: totals } : list;
  }
  const kept = (uploads ?? list.uploads).filter((item) => {
    if (!gone.has(item.id)) return true;
    totals = counted(totals, item, -1);
    return false;
  });
  const added = [...arrivals.values()].sort(newestFirst);
  for (const item of added) totals = counted(totals, item, 1);
  const merged = merge(added, kept);
  return { uploads: merged, uploadPositions: new Map(merged.map((item, at) => [item.id, at])), uploadTotals: totals };
}

/** Two lists each newest first, as one. */
function merge(a: UploadItem[], b: UploadItem[]): UploadItem[] {
  const out: UploadItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    out.push(
      newestFirst(a[i] as UploadItem, b[j] as UploadItem) <= 0 ? (a[i++] as UploadItem) : (b[j++] as UploadItem),
    );
  }
  return out.concat(a.slice(i), b.slice(j));
}
