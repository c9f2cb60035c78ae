import { describe, expect, it } from 'vitest';
import {
  createOpenHandOff,
  openRequestsFromArgv,
  type OpenRequest,
} from '../../electron/services/desktop/launch-arguments';

const cid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

describe('launch arguments', () => {
  it('finds ipfs:// and ipns:// links and .car files, skipping the executable, the app path and flags', () => {
    const argv = ['/opt/Cairn/cairn', '.', '--no-sandbox', `ipfs://${cid}/readme.md`, 'ipns://example.eth', 'x.car'];
    expect(openRequestsFromArgv(argv, '/home/ada')).toEqual([
      { kind: 'link', url: `ipfs://${cid}/readme.md` },
      { kind: 'link', url: 'ipns://example.eth' },
      { kind: 'car', path: '/home/ada/x.car' },
    ]);
  });

  it('takes links in any case, and no other URL that merely contains ipfs://', () => {
    expect(openRequestsFromArgv(['cairn', 'IPNS://k51qzi5uqu5d'], '/')).toEqual([
      { kind: 'link', url: 'IPNS://k51qzi5uqu5d' },
    ]);
    expect(openRequestsFromArgv(['cairn', '.', 'https://ipfs.io/ipfs/x', 'file:///tmp/ipfs://x'], '/')).toEqual([]);
  });

  it('keeps absolute CAR paths, ignores other files, flags and URLs that end in .car', () => {
    const argv = ['cairn', '/data/Export.CAR', 'notes.txt', '--log=run.car', 'http://example.com/x.car'];
    expect(openRequestsFromArgv(argv, '/tmp')).toEqual([{ kind: 'car', path: '/data/Export.CAR' }]);
  });

  it('hands requests to the window once it is ready, in order, and later ones at once', () => {
    const delivered: OpenRequest[] = [];
    const handOff = createOpenHandOff((request) => delivered.push(request));
    handOff.receive([{ kind: 'link', url: `ipfs://${cid}` }]);
    handOff.receive([{ kind: 'car', path: '/a.car' }]);
    expect(delivered).toEqual([]);
    handOff.ready();
    expect(delivered).toEqual([
      { kind: 'link', url: `ipfs://${cid}` },
      { kind: 'car', path: '/a.car' },
    ]);
    handOff.receive([{ kind: 'link', url: 'ipns://example.eth' }]);
    expect(delivered).toHaveLength(3);
  });

  it('holds requests again while the window reloads', () => {
    const delivered: OpenRequest[] = [];
    const handOff = createOpenHandOff((request) => delivered.push(request));
    handOff.ready();
    handOff.notReady();
    handOff.receive([{ kind: 'car', path: '/b.car' }]);
    expect(delivered).toEqual([]);
    handOff.ready();
    expect(delivered).toEqual([{ kind: 'car', path: '/b.car' }]);
  });
});
