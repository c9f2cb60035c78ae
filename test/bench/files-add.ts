import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestKubo } from '../harness/kubo';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';
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

/** One upload through the whole queue (walk, add, link into Files, pin), as the app runs it. */
async function upload(uploads: TestUploads, path: string): Promise<void> {
  const [id = ''] = await uploads.enqueue([{ kind: 'path', path }], {}, '/bench');
  const done = await uploads.settled(id, 600_000);
  if (done.state !== 'added') throw new Error(`bench upload ${done.state}: ${done.error?.message ?? ''}`);
}

/** files.add_1gib and files.rss_growth_1gib: one large file, streamed from disk by path. */
export async function benchAddLargeFile(node: TestKubo, dir: string, quick: boolean): Promise<BenchResult[]> {
  const ROUNDS = quick ? 1 : 5;
  const size = quick ? 64 * 1024 * 1024 : 1024 * 1024 * 1024;
  const uploads = await openTestUploads(() => kuboAt(node.apiUrl));
  const cairnSeconds: number[] = [];
  const cliSeconds: number[] = [];
  const rssGrowth: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Fresh bytes for each side, so neither finds the other's blocks already stored.
      const forCairn = join(dir, `cairn-${round}.bin`);
      const forCli = join(dir, `cli-${round}.bin`);
      await Promise.all([randomFile(forCairn, size), randomFile(forCli, size)]);
      await settleDisk();
      // Each side starts with the other's writes on disk, so neither pays for the other's flush.
      const cairn = async () => {
        await settleDisk();
        const { seconds, rssGrowthMb } = await timedWithRss(() => upload(uploads, forCairn));
        cairnSeconds.push(seconds);
        rssGrowth.push(rssGrowthMb);
      };
      const cli = async () => {
        await settleDisk();
        cliSeconds.push(await timed(() => node.ipfs('add', '-Q', '--pin=true', forCli)));
      };
      await alternate(round, cairn, cli);
      await Promise.all([rm(forCairn), rm(forCli)]);
    }
  } finally {
    await uploads.close();
  }
  return [
    timeRatio(
      `files.${quick ? 'add_64mib_quick' : 'add_1gib'}`,
      { cairn: cairnSeconds, baseline: cliSeconds },
      'ipfs add',
      { better: 'higher', target: 0.9 },
      {
        bytes: size,
      },
    ),
    {
      name: `files.rss_growth_${quick ? '64mib_quick' : '1gib'}`,
      value: Number(median(rssGrowth).toFixed(1)),
      unit: 'MB',
      better: 'lower',
      target: 150,
      detail: {
        bytes: size,
        rounds: ROUNDS,
        measured: 'peak RSS of the process running the upload queue, minus RSS before',
      },
    },
  ];
}

/** files.add_10k: a folder of 10,000 small JSON files, Cairn's queue against `ipfs add -r`. */
export async function benchAddManyFiles(node: TestKubo, dir: string, quick: boolean): Promise<BenchResult[]> {
  const ROUNDS = quick ? 1 : 5;
  const count = quick ? 1000 : 10_000;
  const uploads = await openTestUploads(() => kuboAt(node.apiUrl));
  const cairnSeconds: number[] = [];
  const cliSeconds: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const forCairn = join(dir, `cairn-${round}`);
      const forCli = join(dir, `cli-${round}`);
      for (const [folder, side] of [
        [forCairn, 'cairn'],
        [forCli, 'cli'],
      ] as const) {
        await mkdir(folder);
        for (let i = 0; i < count; i++) {
          await writeFile(join(folder, `${i}.json`), JSON.stringify({ side, round, name: `Token #${i}` }));
        }
      }
      await settleDisk();
      await alternate(
        round,
        async () => {
          await settleDisk();
          cairnSeconds.push(await timed(() => upload(uploads, forCairn)));
        },
        async () => {
          await settleDisk();
          cliSeconds.push(await timed(() => node.ipfs('add', '-r', '-Q', '--pin=true', forCli)));
        },
      );
      await Promise.all([rm(forCairn, { recursive: true }), rm(forCli, { recursive: true })]);
    }
  } finally {
    await uploads.close();
  }
  return [
    timeRatio(
      quick ? 'files.add_1k_quick' : 'files.add_10k',
      { cairn: cairnSeconds, baseline: cliSeconds },
      'ipfs add -r',
      { better: 'higher', target: 0.8 },
      {
        files: count,
      },
    ),
  ];
}
