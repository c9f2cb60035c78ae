import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGatewayFile } from '../../electron/services/node/kubo-process';
import { isLoopback } from '../../shared/links/loopback';

// $IPFS_PATH/gateway holds `http://` and the gateway's address. Kubo 0.43.1 writes an address on every
// interface as loopback itself (rewriteMaddrToUseLocalhostIfItsAny); another daemon, or a file written by
// hand, may hold it as listened on: Addresses.Gateway /ip4/0.0.0.0/tcp/8080 as http://0.0.0.0:8080.
describe('the local gateway read from the repo', () => {
  let repo: string;
  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), 'cairn-gateway-file-'));
  });
  afterEach(() => rm(repo, { recursive: true, force: true }));

  it('is reached on loopback when Kubo listens on every interface, a host no link can name', async () => {
    const read = async (written: string) => {
      await writeFile(join(repo, 'gateway'), written);
      return readGatewayFile(repo);
    };
    expect(await read('http://0.0.0.0:8080')).toBe('http://127.0.0.1:8080');
    expect(await read('http://[::]:8080\n')).toBe('http://[::1]:8080');
    expect(isLoopback(new URL((await read('http://0.0.0.0:8080')) ?? '').hostname)).toBe(true);
    // Any other address stays as Kubo wrote it.
    expect(await read('http://127.0.0.1:41234')).toBe('http://127.0.0.1:41234');
    expect(await read('http://192.168.1.20:8080')).toBe('http://192.168.1.20:8080');
  });
});
