import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost, type Host } from '../../electron/ipc/host';
import { removeAtExit } from './at-exit';
import type { ChildConfig } from './services-child';
import { startFaultProxy } from './fault-proxy';
import type { TestKubo } from './kubo';
import { startPinningService } from './pinning-service';
import { until } from './until';

const CHILD = fileURLToPath(new URL('./services-child.ts', import.meta.url));

export interface KillReport {
  rounds: number;
  /** Uploads whose enqueue had returned before the kill: what must survive. */
  accepted: number;
  /** Uploads or pin requests accepted before a kill and missing (or never finished) after the restart. */
  lost: number;
  /** Pin requests sent to the service more than once. */
  duplicates: number;
  /** Uploads whose CID differs from `ipfs add -r` of the same source. */
  wrongCids: number;
}

/**
 * `rounds` times: the services run in a child process that uploads a folder and a larger file,
 * each asking the real pinning-service peer for a pin, and is killed with SIGKILL at a random one
 * of the steps it reports; then the services start again on the same data folder, retry what was
 * interrupted, and every accepted upload and pin request is checked.
 */
export async function runKillRounds(node: TestKubo, rounds: number): Promise<KillReport> {
  const service = await startPinningService();
  // In front of the peer, to count every submission (POST /pins): the peer keeps one pin per CID.
  const proxy = await startFaultProxy(service.endpoint);
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-kill-data-'));
  const sources = await mkdtemp(join(tmpdir(), 'cairn-kill-src-'));
  for (const dir of [dataDir, sources]) removeAtExit(dir);
  const secretKey = randomBytes(32);
  const report: KillReport = { rounds: 0, accepted: 0, lost: 0, duplicates: 0, wrongCids: 0 };
  const accepted = new Set<string>();
  try {
    const serviceId = await registerService(node, dataDir, secretKey, proxy.url, service.token);
    for (let round = 1; round <= rounds; round++) {
      const uploads = await roundSources(sources, round);
      const enqueued = await runUntilKilled({
        dataDir,
        kuboApi: node.apiUrl,
        secretKey: secretKey.toString('hex'),
        uploads,
        pinServices: [serviceId],
      });
      if (enqueued) for (const path of uploads) accepted.add(path);
      report.rounds += 1;
    }
    report.accepted = accepted.size;
    const host = await openHost(node, dataDir, secretKey);
    try {
      host.services.uploads.retry('failed');
      await host.services.uploads.idle();
      const items = host.services.uploads.list();
      for (const path of accepted) {
        const name = path.split('/').at(-1) ?? '';
        const item = items.find((candidate) => candidate.name === name);
        if (item?.state !== 'added' && item?.state !== 'duplicate') {
          report.lost += 1;
          continue;
        }
        const expected = (await node.ipfs('add', '-r', '-Q', '--only-hash', path)).trim();
        if (item.result?.cid !== expected) report.wrongCids += 1;
      }
      const cids = new Set(
        items.filter((item) => item.result && accepted.has(join(sources, item.name))).map((item) => item.result?.cid),
      );
      await until(
        'every pin request pinned',
        () =>
          [...cids].every((cid) => host.services.pins.requests().some((r) => r.cid === cid && r.status === 'pinned')),
        60_000,
      ).catch(() => undefined);
      const requests = host.services.pins.requests();
      for (const cid of cids) if (!requests.some((r) => r.cid === cid && r.status === 'pinned')) report.lost += 1;
      const submissions = proxy.seen.filter((seen) => seen.method === 'POST' && seen.path === '/pins').length;
      report.duplicates = submissions - service.pins().length;
    } finally {
      await host.dispose();
    }
  } finally {
    await proxy.stop();
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(sources, { recursive: true, force: true });
  }
  return report;
}

/** A folder of small files and a 4 MiB file, new bytes each round; named `pinned-…` so the peer pins them. */
async function roundSources(root: string, round: number): Promise<string[]> {
  const folder = join(root, `pinned-folder-${round}`);
  await mkdir(join(folder, 'inner'), { recursive: true });
  for (let i = 0; i < 20; i++) await writeFile(join(folder, i % 2 ? 'inner' : '', `f${i}.txt`), randomBytes(2048));
  const large = join(root, `pinned-large-${round}.bin`);
  await writeFile(large, randomBytes(4 * 1024 * 1024));
  return [folder, large];
}

/** The services in a child process: the lines it reports, and a kill -9 that resolves once it is gone. */
export function servicesProcess(config: ChildConfig): {
  pid: number;
  lines: AsyncIterable<string>;
  kill(): Promise<void>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? 0,
    lines: createInterface({ input: child.stdout }),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the child and kills it at a random one of its reported steps; says whether its enqueue was saved. */
async function runUntilKilled(config: ChildConfig): Promise<boolean> {
  const services = servicesProcess(config);
  const killAt = 1 + Math.floor(Math.random() * 12);
  let steps = 0;
  let enqueued = false;
  for await (const line of services.lines) {
    if (line === 'enqueued') enqueued = true;
    steps += 1;
    if (steps >= killAt) break;
  }
  await services.kill();
  return enqueued;
}

export async function openHost(node: TestKubo, dataDir: string, secretKey: Buffer): Promise<Host> {
  const host = await startHost({
    dataDir,
    env: { offline: true, remoteApiUrl: node.apiUrl, dataDir, pinPollScale: 0.01 },
    platform: createNodePlatform({ secretKey }),
  });
  await host.services.node.start();
  return host;
}

export async function registerService(
  node: TestKubo,
  dataDir: string,
  secretKey: Buffer,
  endpoint: string,
  token: string,
): Promise<string> {
  const host = await openHost(node, dataDir, secretKey);
  try {
    const settings = await host.services.pins.saveService({ name: 'peer', preset: 'custom', endpoint, token });
    return settings.pins.services[0]?.id ?? '';
  } finally {
    await host.dispose();
  }
}
