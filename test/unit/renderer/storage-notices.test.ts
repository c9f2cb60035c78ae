import { describe, expect, it } from 'vitest';
import { describeUnreadable } from '../../../renderer/app/storage-notices';

describe('the notice for a file of the data folder that could not be read whole', () => {
  const problem = { kind: 'unreadable', file: 'secrets.json', path: '/data/secrets.json' } as const;

  it('says why each entry was left out, and where the original is', () => {
    const words = describeUnreadable({
      ...problem,
      reason: 'pinsvc:gone:token is held by no entry in the settings any more',
      kept: 1,
      dropped: 1,
      aside: '/data/secrets.json.unreadable-1',
    });
    expect(words).toBe(
      'Cairn kept 1 entry and left out 1 (pinsvc:gone:token is held by no entry in the settings any more). ' +
        'The original is kept at /data/secrets.json.unreadable-1.',
    );
  });

  it('says the whole file was left out when none of it read', () => {
    const words = describeUnreadable({ ...problem, reason: 'not JSON', kept: 0, dropped: null, aside: null });
    expect(words).toBe('Cairn started without what it held. The file was left untouched at /data/secrets.json.');
  });
});
