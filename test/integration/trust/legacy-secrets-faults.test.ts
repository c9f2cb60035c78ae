import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../../electron/bridge/node-platform';
import type { Platform } from '../../../electron/services/platform';
import type { StorageProblem } from '../../../shared/ipc/contract';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startTestHost } from '../../harness/host';

// Upgrading version-1 secrets when the settings are damaged, or when some secrets cannot be bound.
describe('legacy secrets under faults', () => {
  const endpoint = 'http://127.0.0.1:9/psa';
  const tokenKey = 'pinsvc:service-one:token';
  const settings = (services: { id: string; endpoint: string }[]) =>
    JSON.stringify({
      version: 3,
      pins: { services: services.map((s) => ({ ...s, name: s.id, preset: 'custom', kuboName: null })) },
    });
  let node: TestKubo;
  let dataDir: string;
  let platform: Platform;
  const sealed = async (value: string, by = platform) =>
    Buffer.from(await by.keychain.encrypt(value)).toString('base64');
  const legacySecrets = (secrets: Record<string, string>) =>
    JSON.stringify({
      version: 1,
      secrets: Object.fromEntries(Object.entries(secrets).map(([key, sealed]) => [key, { sealed }])),
    });
  /** Starts the app on the data folder, runs `look`, and stops it, keeping the folder. */
  async function run<T>(look: (host: Awaited<ReturnType<typeof startTestHost>>) => Promise<T> | T): Promise<T> {
    const host = await startTestHost(node, { dataDir, platform });
    try {
      return await look(host);
    } finally {
      await host.dispose();
    }
  }
  const asides = async (name: string) =>
    (await readdir(dataDir)).filter((file) => file.startsWith(`${name}.unreadable-`));

  beforeAll(async () => {
    node = await startKubo();
  });
  afterAll(async () => {
    await node.stop();
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-legacy-faults-'));
    platform = createNodePlatform({ dialogDir: join(dataDir, 'exports'), secretKey: randomBytes(32) });
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every secret while settings.json cannot be read, and binds it once the settings are back', async () => {
    await writeFile(join(dataDir, 'settings.json'), '{"version":3, "theme": "da');
    await writeFile(join(dataDir, 'secrets.json'), legacySecrets({ [tokenKey]: await sealed('the-token') }));
    const problems = await run((host) => host.services.store.problems());
    expect(problems.map((problem) => problem.file)).toEqual(['settings.json']);
    const onDisk = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as { secrets: object };
    expect(Object.keys(onDisk.secrets)).toEqual([tokenKey]);

    // The user puts the settings back: the secret is bound to its service and works again.
    await writeFile(join(dataDir, 'settings.json'), settings([{ id: 'service-one', endpoint }]));
    expect(await run((host) => host.services.secrets.get(tokenKey, endpoint))).toBe('the-token');
    expect(await run((host) => host.services.secrets.get(tokenKey, 'http://127.0.0.1:10/psa'))).toBeNull();
  });

  it('keeps the version-1 file aside, and says which secret was left out, when the upgrade leaves one out', async () => {
    await writeFile(join(dataDir, 'settings.json'), settings([{ id: 'service-one', endpoint }]));
    const original = legacySecrets({
      [tokenKey]: await sealed('the-token'),
      'pinsvc:service-gone:token': await sealed('orphan'),
    });
    await writeFile(join(dataDir, 'secrets.json'), original);
    const { problems, token } = await run(async (host) => ({
      problems: host.services.store.problems(),
      token: await host.services.secrets.get(tokenKey, endpoint),
    }));
    expect(token).toBe('the-token');
    const [aside] = await asides('secrets.json');
    expect(await readFile(join(dataDir, aside ?? 'none'), 'utf8')).toBe(original);
    expect(problems).toEqual([
      expect.objectContaining<Partial<StorageProblem>>({
        kind: 'unreadable',
        file: 'secrets.json',
        kept: 1,
        dropped: 1,
        reason: expect.stringContaining('pinsvc:service-gone:token') as string,
        aside: join(dataDir, aside ?? 'none'),
      }),
    ]);
  });

  it('leaves out only the secret that cannot be decrypted, and says which and why', async () => {
    const other = createNodePlatform({ secretKey: randomBytes(32) });
    await writeFile(
      join(dataDir, 'settings.json'),
      settings([
        { id: 'service-one', endpoint },
        { id: 'service-two', endpoint: 'http://127.0.0.1:9/two' },
      ]),
    );
    await writeFile(
      join(dataDir, 'secrets.json'),
      legacySecrets({
        [tokenKey]: await sealed('the-token'),
        'pinsvc:service-two:token': await sealed('sealed elsewhere', other),
      }),
    );
    const { problems, token } = await run(async (host) => ({
      problems: host.services.store.problems(),
      token: await host.services.secrets.get(tokenKey, endpoint),
    }));
    expect(token).toBe('the-token');
    expect(await asides('secrets.json')).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'secrets.json',
        kept: 1,
        dropped: 1,
        reason: "pinsvc:service-two:token could not be decrypted with this machine's key",
      }),
    ]);
  });
});
