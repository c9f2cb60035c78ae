import type { LocalPin, LocalPinType } from '../../../shared/ipc/contract';

export const pinSortKeys = ['pinned-at', 'name', 'cid', 'type'] as const;
export type PinSortKey = (typeof pinSortKeys)[number];

/** The pins a filter keeps (name or CID contains the text; one type or all), in the chosen order. */
export function filterAndSortPins(
  pins: LocalPin[],
  text: string,
  type: LocalPinType | 'all',
  sort: PinSortKey,
): LocalPin[] {
  const needle = text.trim().toLowerCase();
  const kept = pins.filter(
    (pin) =>
      (type === 'all' || pin.type === type) &&
      (needle === '' || pin.cid.toLowerCase().includes(needle) || pin.name.toLowerCase().includes(needle)),
  );
  const by: Record<PinSortKey, (a: LocalPin, b: LocalPin) => number> = {
    // Newest pins Cairn made first; the node's others after, in the node's order.
    'pinned-at': (a, b) => (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0),
    name: (a, b) => (a.name === '' ? 1 : 0) - (b.name === '' ? 1 : 0) || a.name.localeCompare(b.name),
    cid: (a, b) => (a.cid < b.cid ? -1 : a.cid > b.cid ? 1 : 0),
    type: (a, b) => a.type.localeCompare(b.type),
  };
  return kept.sort(by[sort]);
}
