import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
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

const quick = process.argv.includes('--quick');

async function main(): Promise<void> {
  const binary = resolveTestKuboBinary();
  const results: BenchResult[] = [];
  results.push(...(await benchNodeStart(binary, quick)));
  results.push(...(await benchListBigFolder(binary, quick)));
  results.push(...(await benchPins(quick)));
  results.push(...(await benchKillRounds()));
  results.push(...(await benchKeepStatus(quick)));

  const dir = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
  const node = await startKubo();
  let kubo: string;
  try {
    kubo = (await node.ipfs('version', '--number')).trim();
    results.push(...(await benchAddLargeFile(node, dir, quick)));
    results.push(...(await benchAddManyFiles(node, dir, quick)));
    results.push(...(await benchProfileRoute(dir, quick)));
    results.push(...(await benchVerify(node, dir, quick)));
    results.push(...(await benchAppUse(binary, dir, quick)));
  } finally {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }

  const report = { machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}`, kubo, quick, results };
  await mkdir('out/bench', { recursive: true });
  await writeFile('out/bench/results.json', `${JSON.stringify(report, null, 2)}\n`);
  console.table(
    results.map(({ name, value, unit, better, target }) => ({ name, value, unit, better, target: target ?? '' })),
  );
  console.log('wrote out/bench/results.json');
}

await main();
