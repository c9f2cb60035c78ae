import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/ipc/host';
import { isAlive } from '../../../electron/services/process-alive';
import { kuboEnv } from '../../../electron/services/node/kubo-process';
import type { UploadItem } from '../../../shared/ipc/contract';
import { servicesProcess } from '../../harness/kill-rounds';
import { defaultUploadOptions } from '../../harness/uploads';
import { startEmbeddedHost } from '../../harness/host';
import { resolveTestKuboBinary } from '../../harness/kubo-binary';
import { until } from '../../harness/until';

const run = promisify(execFile);

/** A sparse file: large for the node, made at once, so that an upload runs long enough to interrupt. */
async function largeFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'w');
  await handle.truncate(bytes);
  await handle.close();
}

const daemonPid = async (host: Host) => (await host.services.node.status()).info?.binary?.pid ?? 0;

describe('the embedded node, when things go wrong', () => {
  let dataDir: string;
  let host: Host | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it("kill -9 of Kubo mid-upload: the upload finishes on its own once the node is back, with Kubo's CID", async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-kubo-kill-'));
    host = await startEmbeddedHost(dataDir, join(dataDir, 'dialogs'));
    const file = join(dataDir, 'big.bin');
    await largeFile(file, 512 * 1024 * 1024);
    const uploads = host.services.uploads;
    const [queued] = await uploads.enqueue({
      folder: '/',
      sources: [{ kind: 'path', path: file }],
      options: defaultUploadOptions,
    });
    const id = queued?.id ?? '';
    const item = (): UploadItem | undefined => uploads.list().find((candidate) => candidate.id === id);
    await until('bytes flowing', () => (item()?.bytesDone ?? 0) > 0, 60_000);
    const first = await daemonPid(host);
    process.kill(first, 'SIGKILL');

    await until('the upload added without a click', () => item()?.state === 'added', 120_000);
    expect(await daemonPid(host)).not.toBe(first);
    const expected = await run(resolveTestKuboBinary(), ['add', '-Q', '--only-hash', file], {
      env: kuboEnv(join(dataDir, 'kubo-repo')),
    });
    expect(item()?.result?.cid).toBe(expected.stdout.trim());
  });

  /** A run that crashes: the process running the services is killed, its daemon keeps running. Its pid. */
  async function crashedRun(): Promise<number> {
    process.env.KUBO_BINARY = resolveTestKuboBinary();
    const crashed = servicesProcess({
      dataDir,
      kuboApi: null,
      secretKey: '00'.repeat(32),
      uploads: [],
      pinServices: [],
    });
    for await (const line of crashed.lines) if (line === 'ready') break;
    await crashed.kill();
    const record = JSON.parse(await readFile(join(dataDir, 'kubo-daemon.json'), 'utf8')) as {
      daemon: { pid: number };
    };
    expect(isAlive(record.daemon.pid)).toBe(true);
    return record.daemon.pid;
  }

  it('stops on quit the daemon it started, even one left running by its own crashed run; leaves others alone', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-owner-'));
    const leftover = await crashedRun();

    host = await startEmbeddedHost(dataDir, join(dataDir, 'dialogs'));
    const status = await host.services.node.status();
    expect(status.notes).toContainEqual({ kind: 'restarted-leftover', pid: leftover });
    expect(isAlive(leftover)).toBe(false);
    const current = await daemonPid(host);
    expect(current).not.toBe(leftover);

    await host.dispose();
    host = undefined;
    expect(isAlive(current)).toBe(false);
    expect(JSON.parse(await readFile(join(dataDir, 'kubo-daemon.json'), 'utf8'))).toEqual({ version: 1, daemon: null });
  });

  it('knows the daemon its crashed run left as its own though kubo-daemon.json was damaged, and stops it on quit', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-owner-lost-'));
    const leftover = await crashedRun();
    await writeFile(join(dataDir, 'kubo-daemon.json'), '{"version":1,"daem');

    host = await startEmbeddedHost(dataDir, join(dataDir, 'dialogs'));
    const status = await host.services.node.status();
    expect(status.notes).toContainEqual({ kind: 'restarted-leftover', pid: leftover });
    expect(isAlive(leftover)).toBe(false);
    const current = await daemonPid(host);
    expect(current).not.toBe(leftover);

    await host.dispose();
    host = undefined;
    expect(isAlive(current)).toBe(false);
  });
});
