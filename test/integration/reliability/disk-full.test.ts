import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/ipc/host';
import { recentProblems } from '../../../electron/services/log';
import type { StorageProblem } from '../../../shared/ipc/contract';
import { caller, CallFailed } from '../../harness/call';
import { startEmbeddedHost } from '../../harness/host';
import { fillDisk as fill, mountSmallDisk, unmountSmallDisk } from '../../harness/small-disk';
import { defaultUploadOptions } from '../../harness/uploads';
import { until } from '../../harness/until';

const base = await mkdtemp(join(tmpdir(), 'cairn-disk-full-'));
const dataDir = join(base, 'data');
const repoDir = join(dataDir, 'kubo-repo');

/** The data folder and, inside it, the Kubo repo, each on a small disk of its own (tmpfs, 8 MiB). */
async function mountSmallDisks(): Promise<string | null> {
  const refused = (await mountSmallDisk(dataDir, '8m')) ?? (await mountSmallDisk(repoDir, '8m'));
  if (refused) await unmount();
  return refused;
}

async function unmount(): Promise<void> {
  for (const dir of [repoDir, dataDir]) await unmountSmallDisk(dir);
  await rm(base, { recursive: true, force: true });
}

const cannotMount = await mountSmallDisks();
if (cannotMount) console.warn(`disk-full suite skipped: ${cannotMount}`);

// Done-means (d) of durable state: a full disk under the data folder or the Kubo repo is named as
// such, with the path, and leaves nothing half-written or half-applied; quitting still stops Kubo.
describe.skipIf(cannotMount !== null)('a full disk', () => {
  let host: Host | null = null;
  let api: ReturnType<typeof caller>;
  const problems: StorageProblem[] = [];
  const work = join(base, 'work');

  beforeAll(async () => {
    await mkdir(work, { recursive: true });
    host = await startEmbeddedHost(dataDir, work);
    api = caller(host.dispatcher);
    host.hub.add({ send: (event, payload) => event === 'storage.problem' && problems.push(payload as StorageProblem) });
  });
  afterAll(async () => {
    await host?.dispose();
    await unmount();
  });

  it('fails an upload as disk full, naming the Kubo repo, while the node runs', async () => {
    const filler = await fill(repoDir);
    const file = join(work, 'small.txt');
    await writeFile(file, 'content the full repo cannot take');
    const uploads = host?.services.uploads;
    const [item] =
      (await uploads?.enqueue({
        folder: '/',
        sources: [{ kind: 'path', path: file, car: false }],
        options: defaultUploadOptions,
      })) ?? [];
    const settled = () => uploads?.list().find((one) => one.id === item?.id);
    await until(
      'the upload to fail',
      () => settled()?.state === 'failed',
      30_000,
      (wake) => uploads?.onChange(wake),
    );
    expect(settled()?.error?.code).toBe('DISK_FULL');
    expect(settled()?.error?.message).toContain(repoDir);
    expect((await api.call('node.status', {})).state).toBe('running');
    await rm(filler);
  });

  it('fails a settings change as disk full, naming the file, and keeps memory as the disk has it', async () => {
    const settingsPath = join(dataDir, 'settings.json');
    const before = await api.call('settings.get', {});
    await api.call('settings.update', { theme: before.theme === 'dark' ? 'light' : 'dark' });
    const saved = await api.call('settings.get', {});
    await fill(dataDir);

    const failed = await api
      .call('settings.update', { theme: saved.theme === 'dark' ? 'light' : 'dark' })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(CallFailed);
    expect((failed as CallFailed).error).toMatchObject({ code: 'DISK_FULL', details: { path: settingsPath } });
    expect((failed as CallFailed).error.message).toContain(settingsPath);
    // The notice the UI shows, and the log.
    expect(problems).toContainEqual(
      expect.objectContaining({ kind: 'write-failed', code: 'DISK_FULL', path: settingsPath }),
    );
    expect(recentProblems().some((line) => line.includes(settingsPath) && line.includes('full'))).toBe(true);
    // Nothing half-written, nothing half-applied.
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await api.call('settings.get', {})).toEqual(saved);
    const onDisk = JSON.parse(await readFile(settingsPath, 'utf8')) as { theme: string };
    expect(onDisk.theme).toBe(saved.theme);
  });

  it('stops the Kubo it started when quitting on the full disk', async () => {
    const record = JSON.parse(await readFile(join(dataDir, 'kubo-daemon.json'), 'utf8')) as { daemon: { pid: number } };
    const stopping = host;
    host = null;
    // Quitting may report what else failed to save; it must not stop short of the node.
    await stopping?.dispose().catch((error: unknown) => expect(error).toBeInstanceOf(AggregateError));
    expect(() => process.kill(record.daemon.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});
