import type { LocalPin, PinType } from '../../../shared/ipc/contract';

export const pinSortKeys = ['node', 'pinned-at', 'name', 'cid', 'type'] as const;
export type PinSortKey = (typeof pinSortKeys)[number];

/** The pins a filter keeps (name or CID contains the text; one type or all), in the chosen order; never sorts `pins` itself. */
export function filterAndSortPins(pins: LocalPin[], text: string, type: PinType | 'all', sort: PinSortKey): LocalPin[] {
  const needle = text.trim().toLowerCase();
  if (needle === '' && type === 'all' && sort === 'node') return pins;
  const kept = pins.filter(
    (pin) =>
      (type === 'all' || pin.type === type) &&
      (needle === '' || pin.cid.toLowerCase().includes(needle) || pin.name.toLowerCase().includes(needle)),
  );
  // The node's own order needs no sorting, so 100,000 streamed rows cost nothing more per batch.
  if (sort === 'node') return kept;
  const by: Record<Exclude<PinSortKey, 'node'>, (a: LocalPin, b: LocalPin) => number> = {
    // Newest pins Cairn made first; the node's others after, in the node's order.
    'pinned-at': (a, b) => (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0),
    name: (a, b) => (a.name === '' ? 1 : 0) - (b.name === '' ? 1 : 0) || a.name.localeCompare(b.name),
    cid: (a, b) => (a.cid < b.cid ? -1 : a.cid > b.cid ? 1 : 0),
    type: (a, b) => a.type.localeCompare(b.type),
  };
  return kept.sort(by[sort]);
}
