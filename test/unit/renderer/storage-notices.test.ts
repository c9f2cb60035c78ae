import { describe, expect, it } from 'vitest';
import { describeFound, describeUnreadable } from '../../../renderer/app/storage-notices';

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

  it('says every entry was kept, not that none was left out, when only some of its text was damaged', () => {
    const words = describeUnreadable({
      ...problem,
      reason: 'some of its bytes are not UTF-8 text, and were read as replacement characters',
      kept: 2,
      dropped: 0,
      aside: '/data/secrets.json.unreadable-1',
    });
    expect(words).toBe(
      'Cairn kept 2 entries, though not exactly as saved (some of its bytes are not UTF-8 text, and were read as replacement characters). ' +
        'The original is kept at /data/secrets.json.unreadable-1.',
    );
  });

  it('says the whole file was left out when none of it read', () => {
    const words = describeUnreadable({ ...problem, reason: 'not JSON', kept: 0, dropped: null, aside: null });
    expect(words).toBe('Cairn started without what it held. The file was left untouched at /data/secrets.json.');
  });
});

describe('the notice for a link or file found in place of a folder or file of the data folder', () => {
  const problem = {
    kind: 'unreadable',
    file: 'upload-staging',
    path: '/data/upload-staging',
    reason: 'it is a symbolic link, which Cairn does not follow',
    kept: 0,
    dropped: null,
  } as const;

  it('says what was found and where it was moved, not that something could not be read', () => {
    const aside = '/data/upload-staging.unreadable-1';
    expect(describeFound({ ...problem, aside }, { thing: 'link', place: 'folder' })).toBe(
      'Cairn does not follow links in its data folder and left what this one points to alone. ' +
        'Cairn moved the symbolic link aside to /data/upload-staging.unreadable-1 and made a new, empty folder.',
    );
    expect(describeFound({ ...problem, aside }, { thing: 'file', place: 'folder' })).toBe(
      'A folder belongs there. Cairn moved the file aside to /data/upload-staging.unreadable-1 and made a new, empty folder.',
    );
    expect(describeFound({ ...problem, aside: null }, { thing: 'link', place: 'file' })).toBe(
      'Cairn does not follow links in its data folder and left what this one points to alone. ' +
        'The symbolic link could not be moved aside, so it is still at /data/upload-staging.',
    );
  });
});
