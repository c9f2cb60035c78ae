import { describe, expect, it } from 'vitest';
import { localStateLabels, nodeKeepLabels, withMissing } from '../../../renderer/features/pins/pin-labels';

describe('a keep state in words, with the blocks the node lacks of the content', () => {
  it.each([
    [localStateLabels.recursive, 0, 'pinned'],
    [localStateLabels.recursive, 1, 'pinned, but 1 block is missing on this node'],
    [localStateLabels.files, 12, 'kept by Files, but 12 blocks are missing on this node'],
    [nodeKeepLabels.indirect, 2, 'in a pinned folder, but 2 blocks are missing on this node'],
  ])('says “%s” with %i missing as “%s”', (label, missing, words) => {
    expect(withMissing(label, missing)).toBe(words);
  });
});
