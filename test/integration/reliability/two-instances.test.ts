import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { startTestHost } from '../../harness/host';
import { servicesProcess } from '../../harness/kill-rounds';
import { startKubo, type TestKubo } from '../../harness/kubo';

const DEV_WEB = join(import.meta.dirname, '../../../electron/dev/dev-web.ts');

/** Every file directly in the folder, with its bytes: what a refused start must leave as it was. */
async function contents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((e) => e.name);
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  return Object.fromEntries(names.map((name, i) => [name, texts[i] ?? '']));
}

async function refusal(attempt: Promise<unknown>): Promise<AppError> {
  const error: unknown = await attempt.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`the second start was not refused: ${String(error)}`);
  return error;
}

describe('two Cairns on one data folder', () => {
  let node: TestKubo;
  let dataDir: string;
  beforeAll(async () => {
    node = await startKubo();
  });
  afterAll(async () => {
    await node.stop();
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-two-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses the second while the first runs, changing nothing, and starts it once the first has stopped', async () => {
    const first = await startTestHost(node, { dataDir });
    await first.services.settings.update({ theme: 'dark' });
    const before = await contents(dataDir);
    const second = await refusal(startTestHost(node, { dataDir }));
    expect(second.code).toBe('DATA_FOLDER_IN_USE');
    expect(second.details).toEqual({ path: dataDir, pid: process.pid });
    expect(await contents(dataDir)).toEqual(before);
    await first.dispose();
    const third = await startTestHost(node, { dataDir });
    expect(third.services.settings.get().theme).toBe('dark');
    await third.dispose();
  });

  it('refuses a start beside the services of another process, and takes the folder over once it is killed', async () => {
    const first = servicesProcess({
      dataDir,
      kuboApi: node.apiUrl,
      secretKey: '00'.repeat(32),
      uploads: [],
      pinServices: [],
    });
    try {
      for await (const line of first.lines) if (line === 'ready') break;
      const before = await contents(dataDir);
      const second = await refusal(startTestHost(node, { dataDir }));
      expect(second.details).toEqual({ path: dataDir, pid: first.pid });
      expect(second.message).toContain(`process ${first.pid}`);
      expect(second.message).toContain(dataDir);
      expect(await contents(dataDir)).toEqual(before);
    } finally {
      await first.kill();
    }
    const after = await startTestHost(node, { dataDir });
    await after.dispose();
  });

  it('stops `npm run dev:web` on a folder in use, saying which folder and which process', async () => {
    const running = await startTestHost(node, { dataDir });
    const devWeb = spawn(process.execPath, ['--import', 'tsx', DEV_WEB], {
      env: { ...process.env, CAIRN_DATA_DIR: dataDir, CAIRN_KUBO_API: node.apiUrl, CAIRN_OFFLINE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(devWeb, 'exit');
    try {
      let said = '';
      devWeb.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
      // It exits, or says where it runs: started beside the first after all.
      const started = once(devWeb.stdout, 'data').then(() => 'started');
      expect(await Promise.race([exited.then(() => devWeb.exitCode), started])).toBe(1);
      expect(said).toContain(`Another Cairn (process ${process.pid}) is using the data folder ${dataDir}`);
      // Where no process start is recorded (macOS, Windows), a reused number reads as a live Cairn: the way out is said.
      expect(said).toContain(`remove ${join(dataDir, 'cairn.lock')} and start again`);
    } finally {
      if (devWeb.exitCode === null) devWeb.kill('SIGKILL');
      await exited;
      await running.dispose();
    }
  });
});
