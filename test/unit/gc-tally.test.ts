import { describe, expect, it } from 'vitest';
import { createGcTally } from '../../electron/services/node/gc-tally';

// Kubo's words as its gc package writes them (kubo/gc: CannotFetchLinksError, CannotDeleteBlockError).
describe('a garbage collection tally', () => {
  it('counts removed blocks, and each kind of problem by Kubo’s words', () => {
    const tally = createGcTally();
    tally.add({ err: null });
    tally.add({});
    tally.add({ err: new Error('could not retrieve links for bafyroot: block was not found locally (offline)') });
    tally.add({ err: new Error('could not remove bafkleaf: permission denied') });
    tally.add({ err: new Error('garbage collection incomplete: could not delete some blocks') });
    expect(tally.result(1024)).toEqual({
      removedBlocks: 2,
      freedBytes: 1024,
      unreadableBlocks: 1,
      undeletedBlocks: 1,
      problemCount: 3,
      problems: [
        'could not retrieve links for bafyroot: block was not found locally (offline)',
        'could not remove bafkleaf: permission denied',
        'garbage collection incomplete: could not delete some blocks',
      ],
    });
  });

  it('keeps the words of the first ten problems and counts the rest', () => {
    const tally = createGcTally();
    for (let i = 0; i < 5000; i += 1) tally.add({ err: new Error(`could not remove block-${i}: disk error`) });
    const result = tally.result(0);
    expect(result.problemCount).toBe(5000);
    expect(result.undeletedBlocks).toBe(5000);
    expect(result.problems).toHaveLength(10);
    expect(result.problems[9]).toBe('could not remove block-9: disk error');
  });
});
