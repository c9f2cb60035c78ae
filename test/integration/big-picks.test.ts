import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadSource } from '../../shared/ipc/contract';
import { MAX_INLINE_BYTES, MAX_SOURCES_PER_ENQUEUE } from '../../shared/ipc/limits';
import { sendInBatches } from '../../shared/ipc/send-in-batches';
import { caller, CallFailed } from '../harness/call';
import { startTestHost, type TestHost } from '../harness/host';
import { startKubo, type TestKubo } from '../harness/kubo';
import { defaultUploadOptions } from '../harness/uploads';

const PICKED = 1200;

// A pick of more files than one enqueue request takes: sent in batches, every file lands.
describe('a pick of more than a thousand files', () => {
  let node: TestKubo;
  let host: TestHost;
  let call: ReturnType<typeof caller>['call'];

  beforeAll(async () => {
    node = await startKubo({ inMemory: true });
    host = await startTestHost(node);
    ({ call } = caller(host.dispatcher));
    const dialogDir = join(host.dataDir, 'exports');
    await mkdir(dialogDir, { recursive: true });
    for (let i = 0; i < PICKED; i++) await writeFile(join(dialogDir, `picked-${i}.txt`), `picked file ${i}\n`);
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  it('is refused in one request, and lands whole when sent in batches through the dispatcher', async () => {
    const chosen = await call('files.choose', { kind: 'files', multiple: true });
    expect(chosen).toHaveLength(PICKED);
    const sources: UploadSource[] = chosen.map(({ grant }) => ({ kind: 'grant', grant }));
    const request = (batch: UploadSource[]) => ({ folder: '/', sources: batch, options: defaultUploadOptions });

    // Main keeps its per-call limit.
    const whole = await call('uploads.enqueue', request(sources)).catch((error: unknown) => error);
    expect(whole).toBeInstanceOf(CallFailed);
    expect((whole as CallFailed).error.code).toBe('VALIDATION');

    const batches: number[] = [];
    const failed = await sendInBatches(
      sources,
      () => 0,
      { items: MAX_SOURCES_PER_ENQUEUE, bytes: MAX_INLINE_BYTES },
      async (batch) => {
        batches.push((await call('uploads.enqueue', request(batch))).length);
      },
    );
    expect(failed).toEqual([]);
    expect(batches).toEqual([1000, 200]);

    await host.services.uploads.idle();
    const items = host.services.uploads.list();
    expect(items).toHaveLength(PICKED);
    expect(items.filter((item) => item.state !== 'added')).toEqual([]);
    const inFiles = (await node.ipfs('files', 'ls', '/')).split('\n').filter(Boolean);
    expect(new Set(inFiles)).toEqual(new Set(chosen.map(({ name }) => name)));
  });
});
