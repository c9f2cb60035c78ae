import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addFile } from '../../electron/services/files/add-file';
import type { TestKubo } from '../harness/kubo';
import { alternate, median, randomFile, timed, type BenchResult } from './bench-kit';

/** files.add_1gib and files.rss_growth_1gib: one large file, streamed from disk by path. */
export async function benchAddLargeFile(node: TestKubo, dir: string, quick: boolean): Promise<BenchResult[]> {
  const ROUNDS = quick ? 1 : 3;
  const size = quick ? 64 * 1024 * 1024 : 1024 * 1024 * 1024;
  const cairnSeconds: number[] = [];
  const cliSeconds: number[] = [];
  const rssGrowth: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Fresh bytes for each side, so neither finds the other's blocks already stored.
    const forCairn = join(dir, `cairn-${round}.bin`);
    const forCli = join(dir, `cli-${round}.bin`);
    await Promise.all([randomFile(forCairn, size), randomFile(forCli, size)]);
    const cairn = async () => {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const seconds = await timed(() =>
        addFile(
          { url: node.apiUrl, headers: {} },
          { kind: 'path', path: forCairn },
          { signal: new AbortController().signal, progress: () => undefined },
        ),
      );
      clearInterval(sampler);
      rssGrowth.push((peak - before) / 1024 / 1024);
      cairnSeconds.push(seconds);
    };
    const cli = async () => {
      cliSeconds.push(await timed(() => node.ipfs('add', '-Q', '--pin=true', forCli)));
    };
    await alternate(round, cairn, cli);
    await Promise.all([rm(forCairn), rm(forCli)]);
  }
  const label = quick ? 'add_64mib_quick' : 'add_1gib';
  const cairn = median(cairnSeconds);
  const cli = median(cliSeconds);
  return [
    {
      name: `files.${label}`,
      value: Number((cli / cairn).toFixed(3)),
      unit: 'ratio',
      better: 'higher',
      target: 0.9,
      detail: {
        cairn_s: Number(cairn.toFixed(3)),
        baseline_s: Number(cli.toFixed(3)),
        baseline: 'ipfs add',
        bytes: size,
        rounds: ROUNDS,
      },
    },
    {
      name: `files.rss_growth_${quick ? '64mib_quick' : '1gib'}`,
      value: Number(median(rssGrowth).toFixed(1)),
      unit: 'MB',
      better: 'lower',
      detail: {
        bytes: size,
        rounds: ROUNDS,
        measured: 'peak RSS of the process running the service, minus RSS before',
      },
    },
  ];
}
