import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createKeepService } from '../../electron/services/keep/keep-service';

describe('keep.lacksBlocks', () => {
  it('does nothing, and throws nothing, once the node has gone: the size it follows was already answered', () => {
    const keep = createKeepService({
      kubo: () => {
        throw new AppError('NODE_UNAVAILABLE', 'The IPFS node is not running (stopping).');
      },
      remote: () => [],
    });
    expect(() => keep.lacksBlocks()).not.toThrow();
  });
});
