import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitOnInterrupt, removeAtExit } from '../harness/at-exit';
import { startKubo } from '../harness/kubo';
import { resolveTestKuboBinary } from '../harness/kubo-binary';
import type { BenchResult } from './bench-kit';
import { benchAppUse } from './app-use';
import { benchAddLargeFile, benchAddManyFiles } from './files-add';
import { benchListBigFolder } from './files-list';
import { benchNodeStart } from './node-start';
import { benchVerify } from './verify';
import { benchPins } from './pins';
import { benchProfileRoute } from './profile-route';
import { benchKillRounds } from './reliability';
import { benchKeepStatus } from './keep';

// `npm run bench [-- --quick]`: Cairn against Kubo's own CLI on the same node and data, in one run.
// Prints a table and writes out/bench/results.json (see TESTING.md for the format).
// `--only=verify,app` runs only the groups whose name starts with one of the given prefixes
// (node, files.list, pins, reliability, keep, files.add_1gib, files.add_10k, files.add_profile, verify, app,
// or one part of app: app.drop, app.idle, app.busy, or of verify: verify.local_1gib, verify.local_10k, verify.remote),
// to measure one change without the whole 14-minute run; it writes out/bench/partial.json.

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter(Boolean);

function selected(group: string): boolean {
  return !only || only.some((prefix) => group.startsWith(prefix));
}

async function main(): Promise<void> {
  exitOnInterrupt();
  const binary = resolveTestKuboBinary();
  const results: BenchResult[] = [];
  if (selected('node')) results.push(...(await benchNodeStart(binary, quick)));
  if (selected('files.list')) results.push(...(await benchListBigFolder(binary, quick)));
  if (selected('pins')) results.push(...(await benchPins(quick)));
  if (selected('reliability')) results.push(...(await benchKillRounds()));
  if (selected('keep')) results.push(...(await benchKeepStatus(quick)));

  const dir = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
  removeAtExit(dir);
  const node = await startKubo();
  let kubo: string;
  try {
    kubo = (await node.ipfs('version', '--number')).trim();
    if (selected('files.add_1gib')) results.push(...(await benchAddLargeFile(node, dir, quick)));
    if (selected('files.add_10k')) results.push(...(await benchAddManyFiles(node, dir, quick)));
    if (selected('files.add_profile')) results.push(...(await benchProfileRoute(dir, quick)));
    if (['verify.local_1gib', 'verify.local_10k', 'verify.remote'].some(selected))
      results.push(...(await benchVerify(node, dir, quick, selected)));
    if (['app.drop', 'app.idle', 'app.busy'].some(selected))
      results.push(...(await benchAppUse(binary, dir, quick, selected)));
  } finally {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }

  const report = {
    machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}`,
    kubo,
    quick,
    only,
    results,
  };
  await mkdir('out/bench', { recursive: true });
  // A partial run never overwrites the full run's figures.
  const output = only ? 'out/bench/partial.json' : 'out/bench/results.json';
  await writeFile(output, `${JSON.stringify(report, null, 2)}\n`);
  console.table(
    results.map(({ name, value, unit, better, target }) => ({ name, value, unit, better, target: target ?? '' })),
  );
  console.log(`wrote ${output}`);
}

await main();
