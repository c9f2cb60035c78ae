import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost } from '../../electron/ipc/host';
import { initRepo, kuboEnv } from '../../electron/services/node/kubo-process';
import { multiaddrToHttpUrl } from '../../shared/multiaddr-url';
import { readFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { atExit, removeAtExit } from '../harness/at-exit';
import { alternate, timed, timeRatio, type BenchResult } from './bench-kit';

/**
 * node.start_overhead: from "start" to "node ready" through Cairn's node service on an existing
 * repo, against `ipfs daemon` alone until its API answers, on the same repo, alternately.
 */
export async function benchNodeStart(binary: string, quick: boolean): Promise<BenchResult[]> {
  const rounds = quick ? 2 : 6;
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-bench-start-'));
  const repoPath = join(dataDir, 'kubo-repo');
  // An interrupted run leaves neither a daemon (the services' or the baseline's) nor the folder.
  atExit(() => killDaemonsOn(repoPath));
  removeAtExit(dataDir);
  process.env.KUBO_BINARY = binary;
  await initRepo({ binary, repoPath }, ['test', 'unixfs-v1-2025']);
  const cairnSeconds: number[] = [];
  const kuboSeconds: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const cairn = async () => {
        const host = await startHost({
          dataDir,
          env: { offline: true, remoteApiUrl: null, dataDir },
          platform: createNodePlatform(),
        });
        // startHost already began starting the node; start() joins that same start.
        const seconds = await timed(async () => {
          const status = await host.services.node.start();
          if (status.state !== 'running')
            throw new Error(`node did not start: ${status.error?.message ?? status.state}`);
        });
        cairnSeconds.push(seconds);
        await host.dispose();
      };
      const kubo = async () => {
        kuboSeconds.push(await daemonUntilApiAnswers(binary, repoPath));
      };
      await alternate(round, cairn, kubo);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return [
    timeRatio(
      'node.start_overhead',
      { cairn: cairnSeconds, baseline: kuboSeconds },
      'ipfs daemon until its API answers',
      { better: 'lower' },
    ),
  ];
}

async function daemonUntilApiAnswers(binary: string, repoPath: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(binary, ['daemon', '--offline'], { env: kuboEnv(repoPath), stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      const address = await readFile(join(repoPath, 'api'), 'utf8').catch(() => null);
      if (address) {
        const answered = await fetch(`${multiaddrToHttpUrl(address)}/api/v0/id`, { method: 'POST' }).then(
          (response) => response.ok,
          () => false,
        );
        if (answered) return Number(process.hrtime.bigint() - started) / 1e9;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Kills every daemon running on `repoPath`, found by its IPFS_PATH (Linux's /proc): the services'
 * own, from the moment it is spawned, before they know or record its pid.
 */
function killDaemonsOn(repoPath: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environment.includes(`IPFS_PATH=${repoPath}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // It ended meanwhile.
    }
  }
}
