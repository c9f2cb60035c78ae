import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../../harness/call';
import { startTestHost, type TestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { defaultUploadOptions } from '../../harness/uploads';
import { until } from '../../harness/until';

// A FIFO is refused at enqueue; a CAR that was a file then and is a FIFO when retried (replaced
// between two runs) must not leave its upload "adding" on a read that never ends.
describe('a CAR upload whose file became a named pipe (FIFO)', () => {
  let node: TestKubo;
  let dir: string;
  let fifo: string;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-fifo-car-'));
    fifo = join(dir, 'photos.car');
    await promisify(execFile)('mkfifo', [fifo]);
  });
  afterAll(async () => {
    // Releases a read left waiting on the pipe (the hang this suite guards against), if any.
    await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK)
      .then((handle) => handle.close())
      .catch(() => undefined);
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is refused when retried, cancels at once, and shutdown returns', async () => {
    const dataDir = join(dir, 'data');
    const id = randomUUID();
    const item = {
      id,
      name: 'photos.car',
      kind: 'car',
      folder: '/',
      options: defaultUploadOptions,
      state: 'interrupted',
      totalBytes: null,
      totalFiles: null,
      bytesDone: 0,
      filesDone: 0,
      createdAt: 1,
      startedAt: null,
      finishedAt: 2,
    };
    await mkdir(dataDir);
    await writeFile(
      join(dataDir, 'uploads.json'),
      JSON.stringify({ version: 1, uploads: [{ item, source: { kind: 'path', path: fifo, car: true } }] }),
    );
    const host: TestHost = await startTestHost(node, { dataDir });
    const api = caller(host.dispatcher);
    const uploads = host.services.uploads;
    const state = () => uploads.list().find((one) => one.id === id);

    await api.call('uploads.retry', { ids: [id] });
    await until(
      'the retried CAR to settle',
      () => state()?.state === 'failed',
      15_000,
      (wake) => uploads.onChange(wake),
    );
    expect(state()?.error).toEqual({
      code: 'UNSUPPORTED',
      message: `${fifo} is a named pipe (FIFO): Cairn adds regular files and folders only.`,
      details: { path: fifo, problem: 'not-regular' },
    });
    await api.call('uploads.cancel', { ids: 'all' });
    expect(state()?.state).not.toBe('adding');
    await host.stop();
  });
});
