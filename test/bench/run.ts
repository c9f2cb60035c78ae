import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { addFile } from '../../electron/services/files/add-file';
import { startKubo, type TestKubo } from '../harness/kubo';

// `npm run bench [-- --quick]`: Cairn against Kubo's own CLI on the same node and data, in one run.
// Prints a table and writes out/bench/results.json (see TESTING.md for the format).

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : 3;

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  target?: number;
  detail: Record<string, number | string>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function randomFile(path: string, bytes: number): Promise<void> {
  const chunk = 4 * 1024 * 1024;
  let left = bytes;
  await pipeline(
    Readable.from(
      (function* () {
        while (left > 0) {
          const size = Math.min(chunk, left);
          left -= size;
          yield randomBytes(size);
        }
      })(),
    ),
    createWriteStream(path),
  );
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** files.add_1gib and files.rss_growth_1gib: one large file, streamed from disk by path. */
async function addLargeFile(node: TestKubo, dir: string): Promise<BenchResult[]> {
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
          node.client,
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
    // Alternate the order so that neither side always runs on a warmer machine.
    if (round % 2 === 0) {
      await cairn();
      await cli();
    } else {
      await cli();
      await cairn();
    }
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

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
  const node = await startKubo();
  try {
    const kubo = (await node.ipfs('version', '--number')).trim();
    const results = await addLargeFile(node, dir);
    const report = { machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}`, kubo, quick, results };
    await mkdir('out/bench', { recursive: true });
    await writeFile('out/bench/results.json', `${JSON.stringify(report, null, 2)}\n`);
    console.table(
      results.map(({ name, value, unit, better, target }) => ({ name, value, unit, better, target: target ?? '' })),
    );
    console.log('wrote out/bench/results.json');
  } finally {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
