import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Logger } from '../../electron/services/log';
import { openDataStore } from '../../electron/services/store/data-store';
import { pinRequestsFile } from '../../electron/services/store/files/pin-requests-file';
import type { CairnError } from '../../shared/errors';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-pin-requests-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('reads a version-1 file: a failure written as a sentence stays as it was, a passing problem is dropped', async () => {
  const request = (id: string, status: string, reason: string | null, problem: string | null) => ({
    id,
    cid: CID,
    serviceId: 'service-1',
    name: 'report.pdf',
    meta: {},
    origins: [],
    via: 'cairn',
    status,
    requestId: 'r1',
    reason,
    problem,
    createdAt: 1,
    updatedAt: 2,
    nextCheckAt: null,
    errors: 0,
  });
  await writeFile(
    join(dir, 'pin-requests.json'),
    JSON.stringify({
      version: 1,
      requests: [
        request('failed-1', 'failed', 'pins.example refused the request (HTTP 400).', null),
        request('waiting-1', 'queued', null, 'Nothing answers at pins.example (ECONNREFUSED).'),
      ],
    }),
  );
  const store = await openDataStore(dir, quiet);
  const file = await store.open(pinRequestsFile);
  expect(store.problems()).toEqual([]);
  expect(file.get()).toMatchObject([
    { id: 'failed-1', reason: 'pins.example refused the request (HTTP 400).', failure: null, problem: null },
    { id: 'waiting-1', reason: null, failure: null, problem: null },
  ]);

  // Written back as version 2, a failure kept as its code and parameters.
  const failure: CairnError = {
    code: 'PIN_SERVICE_AUTH',
    message: 'refused (HTTP 401)',
    details: { service: 'pins.example' },
  };
  await file.set(file.get().map((entry) => ({ ...entry, failure: entry.status === 'failed' ? failure : null })));
  const reopened = await (await openDataStore(dir, quiet)).open(pinRequestsFile);
  expect(reopened.get()[0]?.failure).toEqual(failure);
  expect(JSON.parse(await readFile(join(dir, 'pin-requests.json'), 'utf8'))).toMatchObject({ version: 2 });
});
