import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CID } from 'multiformats/cid';
import { verifyLocal } from '../../electron/services/verify/verify-local';
import { verifyRemote } from '../../electron/services/verify/verify-remote';
import { UNIXFS_V1_2025 } from '../../shared/verify/import-settings';
import type { TestKubo } from '../harness/kubo';
import {
  alternate,
  median,
  randomFile,
  settleDisk,
  timed,
  timedWithRss,
  timeRatio,
  type BenchResult,
} from './bench-kit';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';

const V1_2025_FLAGS = ['--cid-version=1', '--raw-leaves', '--chunker=size-1048576', '--max-file-links=1024'];

/**
 * verify.local_1gib: recomputing a file's CID with one profile, against the floor of one sha256
 * pass (`openssl dgst -sha256 < file`); the time with every plausible profile tried is reported too.
 * verify.remote: a verified, reassembled copy from the local gateway against a plain download.
 */
export async function benchVerify(
  node: TestKubo,
  dir: string,
  quick: boolean,
  selected: (figure: string) => boolean,
): Promise<BenchResult[]> {
  // Five rounds: a 1 GiB hash pass takes under a second, and here one round in a few is slowed
  // by the machine (steal time, page cache dropped), which three rounds did not outvote.
  const rounds = quick ? 1 : 5;
  const size = quick ? 64 * 1024 * 1024 : 1024 * 1024 * 1024;
  const suffix = quick ? '64mib_quick' : '1gib';
  const file = join(dir, 'verify.bin');
  const local = selected(`verify.local_${suffix}`);
  const remote = selected('verify.remote');
  if (local || remote) {
    await randomFile(file, size);
    await settleDisk();
  }
  const results: BenchResult[] = [];
  if (local) results.push(await benchLocal(node, file, size, rounds, suffix));
  if (selected(quick ? 'verify.local_1k_quick' : 'verify.local_10k')) {
    results.push(await benchLocalFolder(node, dir, rounds, quick));
  }
  if (remote) results.push(await benchRemote(node, dir, file, size, rounds));
  await rm(file, { force: true });
  return results;
}

async function benchLocal(
  node: TestKubo,
  file: string,
  size: number,
  rounds: number,
  suffix: string,
): Promise<BenchResult> {
  // A CIDv1 none of the candidates gives, so that every one of them is tried.
  const unmatched = CID.parse(
    (await node.ipfs('add', '--only-hash', '-Q', '--cid-version=1', '--chunker=size-65536', file)).trim(),
  );
  const times = await verifyRounds(node, {
    path: file,
    rounds,
    withRss: true,
    baseline: () => opensslDigest(file),
  });
  let tried = 0;
  const allSeconds = await timed(async () => {
    const result = await verifyLocal({ kind: 'path', path: file }, unmatched, undefined, localOptions(node));
    tried = result.tried.length;
  });
  return timeRatio(
    `verify.local_${suffix}`,
    times,
    'openssl dgst -sha256 < file',
    { better: 'lower', target: 1.2 },
    {
      all_profiles_s: Number(allSeconds.toFixed(3)),
      all_profiles_tried: tried,
      rss_growth_mb: Number(median(times.rssGrowth).toFixed(1)),
      bytes: size,
    },
  );
}

/** verify.local_10k: a folder of 10,000 small files, against `ipfs add -r --only-hash` of it. */
async function benchLocalFolder(node: TestKubo, dir: string, rounds: number, quick: boolean): Promise<BenchResult> {
  const count = quick ? 1000 : 10_000;
  const folder = join(dir, 'verify-folder');
  await mkdir(folder);
  for (let i = 0; i < count; i++) await writeFile(join(folder, `${i}.json`), JSON.stringify({ verify: i }));
  await settleDisk();
  const times = await verifyRounds(node, {
    path: folder,
    rounds,
    withRss: false,
    baseline: () => node.ipfs('add', '-r', '--only-hash', '-Q', ...V1_2025_FLAGS, folder),
  });
  await rm(folder, { recursive: true });
  return timeRatio(
    quick ? 'verify.local_1k_quick' : 'verify.local_10k',
    times,
    'ipfs add -r --only-hash -Q',
    { better: 'lower', target: 1.2 },
    { files: count },
  );
}

/**
 * Verifies `path` against the CID `ipfs add --only-hash` gives it with unixfs-v1-2025, round by round
 * alternating with the baseline; `withRss` also measures how far the process's RSS rose.
 */
async function verifyRounds(
  node: TestKubo,
  run: { path: string; rounds: number; withRss: boolean; baseline: () => Promise<unknown> },
): Promise<{ cairn: number[]; baseline: number[]; rssGrowth: number[] }> {
  const cid = CID.parse((await node.ipfs('add', '-r', '--only-hash', '-Q', ...V1_2025_FLAGS, run.path)).trim());
  const options = localOptions(node);
  const verify = async () => {
    const result = await verifyLocal({ kind: 'path', path: run.path }, cid, UNIXFS_V1_2025, options);
    if (result.outcome !== 'match') throw new Error(`${run.path} did not match its own CID`);
  };
  const times = { cairn: [] as number[], baseline: [] as number[], rssGrowth: [] as number[] };
  for (let round = 0; round < run.rounds; round++) {
    await alternate(
      round,
      async () => {
        if (!run.withRss) {
          times.cairn.push(await timed(verify));
          return;
        }
        const { seconds, rssGrowthMb } = await timedWithRss(verify);
        times.cairn.push(seconds);
        times.rssGrowth.push(rssGrowthMb);
      },
      async () => {
        times.baseline.push(await timed(run.baseline));
      },
    );
  }
  return times;
}

function localOptions(node: TestKubo) {
  return {
    signal: new AbortController().signal,
    progress: () => undefined,
    node: createKuboClient({ url: node.apiUrl, headers: {} }),
  };
}

async function benchRemote(
  node: TestKubo,
  dir: string,
  file: string,
  size: number,
  rounds: number,
): Promise<BenchResult> {
  const gatewayUrl = node.gatewayUrl;
  if (!gatewayUrl) throw new Error('the bench node has no gateway');
  const cid = CID.parse((await node.ipfs('add', '-Q', ...V1_2025_FLAGS, file)).trim());
  // Each side writes a GiB: each starts after a sync, so that none pays for the add's or the other's flush.
  await settleDisk();
  const saveIn = join(dir, 'exports');
  const plainCopy = join(dir, 'plain.bin');
  const cairnSeconds: number[] = [];
  const plainSeconds: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await alternate(
      round,
      async () => {
        await settleDisk();
        cairnSeconds.push(
          await timed(async () => {
            const result = await verifyRemote(
              {
                name: 'Local gateway',
                ref: { kind: 'local-gateway' },
                kind: 'gateway',
                url: gatewayUrl,
                style: 'path',
                transport: 'file',
              },
              cid,
              {
                signal: new AbortController().signal,
                progress: () => undefined,
                offline: true,
                idleTimeoutMs: 30_000,
                saveIn,
              },
            );
            if (result.outcome !== 'verified') throw new Error(`remote verification failed: ${result.message}`);
          }),
        );
        await rm(saveIn, { recursive: true, force: true });
      },
      async () => {
        await settleDisk();
        plainSeconds.push(await timed(() => download(`${gatewayUrl}/ipfs/${cid.toString()}`, plainCopy)));
        await rm(plainCopy, { force: true });
      },
    );
  }
  return timeRatio(
    'verify.remote',
    { cairn: cairnSeconds, baseline: plainSeconds },
    'plain GET of /ipfs/<cid> from the same gateway, written to disk',
    { better: 'higher', target: 0.7 },
    { cairn_mib_s: Number((size / 1024 / 1024 / median(cairnSeconds)).toFixed(1)), bytes: size },
  );
}

async function opensslDigest(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('openssl', ['dgst', '-sha256'], { stdio: [handle.fd, 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`openssl exited with ${code}`))));
    });
  } finally {
    await handle.close();
  }
}

function download(url: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`HTTP ${response.statusCode}`));
        return;
      }
      pipeline(response, createWriteStream(to)).then(resolve, reject);
    }).on('error', reject);
  });
}
