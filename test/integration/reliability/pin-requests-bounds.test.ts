import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinRequest } from '../../../shared/ipc/contract';
import { caller } from '../../harness/call';
import { startTestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { storedPinRequest } from '../../harness/stored-pin-request';

// pin-requests.json is read at every start. A count of errors or a time no check of Cairn's could
// have written (1e300) was taken as it stood: a check due in a year no date holds never comes, and
// nothing said so. Such a request is left out and the user told, as for the other state files.
describe('pin-requests.json holding counts and times past any bound', () => {
  let node: TestKubo;
  beforeAll(async () => {
    node = await startKubo();
  });
  afterAll(async () => {
    await node.stop();
  });

  it.each<[string, Partial<PinRequest>]>([
    ['errors in a row', { errors: 1e300 }],
    ['a next check', { nextCheckAt: 1e300 }],
    ['a creation time', { createdAt: 1e300 }],
  ])('%s of 1e300: leaves that request out, says so, keeps the bytes aside, and keeps the others', async (_, odd) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-pin-requests-bounds-'));
    const text = JSON.stringify({
      version: 2,
      requests: [
        storedPinRequest('odd', 'service-gone', { requestId: 'r1', errors: 2, ...odd }),
        storedPinRequest('kept', 'service-gone', { requestId: 'r1', errors: 2 }),
      ],
    });
    await writeFile(join(dataDir, 'pin-requests.json'), text);
    const host = await startTestHost(node, { dataDir });
    try {
      expect(host.services.store.problems()).toMatchObject([
        { kind: 'unreadable', file: 'pin-requests.json', kept: 1, dropped: 1 },
      ]);
      const aside = (await readdir(dataDir)).filter((name) => name.startsWith('pin-requests.json.unreadable-'));
      expect(await readFile(join(dataDir, aside[0] ?? 'none'), 'utf8')).toBe(text);
      const requests = await caller(host.dispatcher).call('pins.requests', {});
      expect(requests.map((request) => request.id)).toEqual(['kept']);
    } finally {
      await host.stop();
    }
  });
});
