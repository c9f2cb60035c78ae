import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  target?: number;
  detail: Record<string, number | string>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function randomFile(path: string, bytes: number): Promise<void> {
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

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs the work and gives its time and how far the process's RSS rose above where it began (MB). */
export async function timedWithRss(work: () => Promise<unknown>): Promise<{ seconds: number; rssGrowthMb: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const seconds = await timed(work);
    return { seconds, rssGrowthMb: (Math.max(peak, process.memoryUsage().rss) - before) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

/** Runs `a` and `b` once each, alternating which goes first by round, so neither always runs warmer. */
export async function alternate(round: number, a: () => Promise<void>, b: () => Promise<void>): Promise<void> {
  if (round % 2 === 0) {
    await a();
    await b();
  } else {
    await b();
    await a();
  }
}

/**
 * A ratio of median times, with both times, every round and what the baseline was in the detail.
 * 'higher': the baseline's time over Cairn's, a throughput ratio (above 1, Cairn is faster).
 * 'lower': Cairn's time over the baseline's, an overhead (below 1, Cairn is faster).
 */
export function timeRatio(
  name: string,
  times: { cairn: number[]; baseline: number[] },
  baseline: string,
  goal: { better: 'higher' | 'lower'; target?: number },
  detail: Record<string, number | string> = {},
): BenchResult {
  const cairn = median(times.cairn);
  const base = median(times.baseline);
  return {
    name,
    value: Number((goal.better === 'higher' ? base / cairn : cairn / base).toFixed(3)),
    unit: 'ratio',
    ...goal,
    detail: {
      cairn_s: Number(cairn.toFixed(3)),
      baseline_s: Number(base.toFixed(3)),
      baseline,
      rounds: times.cairn.length,
      // Every round, in order, so that a median hiding a wide spread shows.
      cairn_rounds_s: times.cairn.map((seconds) => seconds.toFixed(2)).join(' '),
      baseline_rounds_s: times.baseline.map((seconds) => seconds.toFixed(2)).join(' '),
      ...detail,
    },
  };
}

/**
 * Writes out what the bench just generated: otherwise the kernel flushes gigabytes of dirty pages
 * during whichever side runs first, and the ratio measures the flush.
 */
export async function settleDisk(): Promise<void> {
  await promisify(execFile)('sync');
}
