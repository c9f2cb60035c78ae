import { describe, expect, it } from 'vitest';
import type { LocalPin } from '../../shared/ipc/contract';
import { filterAndSortPins } from '../../renderer/features/pins/local-pin-order';

const pins: LocalPin[] = [
  { cid: 'bafyc', type: 'recursive', name: '', pinnedAt: null },
  { cid: 'bafya', type: 'direct', name: 'Zebra.png', pinnedAt: 2 },
  { cid: 'bafyb', type: 'recursive', name: '/photos/apple.jpg', pinnedAt: 5 },
];
const cids = (list: LocalPin[]) => list.map((pin) => pin.cid);

describe('filtering and sorting local pins', () => {
  it("keeps the node's order unless asked", () => {
    expect(cids(filterAndSortPins(pins, '', 'all', 'node'))).toEqual(['bafyc', 'bafya', 'bafyb']);
  });

  it('sorts newest pinned by Cairn first, unknown dates last', () => {
    expect(cids(filterAndSortPins(pins, '', 'all', 'pinned-at'))).toEqual(['bafyb', 'bafya', 'bafyc']);
  });

  it('sorts by name with unnamed pins last, by CID, by type', () => {
    expect(cids(filterAndSortPins(pins, '', 'all', 'name'))).toEqual(['bafyb', 'bafya', 'bafyc']);
    expect(cids(filterAndSortPins(pins, '', 'all', 'cid'))).toEqual(['bafya', 'bafyb', 'bafyc']);
    expect(cids(filterAndSortPins(pins, '', 'all', 'type'))[0]).toBe('bafya');
  });

  it('filters by name or CID, any case, and by type', () => {
    expect(cids(filterAndSortPins(pins, 'ZEBRA', 'all', 'cid'))).toEqual(['bafya']);
    expect(cids(filterAndSortPins(pins, 'bafyc', 'all', 'cid'))).toEqual(['bafyc']);
    expect(cids(filterAndSortPins(pins, '', 'recursive', 'cid'))).toEqual(['bafyb', 'bafyc']);
    expect(filterAndSortPins(pins, 'nothing', 'all', 'cid')).toEqual([]);
  });

  it('leaves the list it was given alone', () => {
    const before = cids(pins);
    filterAndSortPins(pins, '', 'all', 'cid');
    expect(cids(pins)).toEqual(before);
  });
});
