import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinRequest } from '../../../shared/ipc/contract';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startTestHost } from '../../harness/host';
import { storedPinRequest } from '../../harness/stored-pin-request';

const service = (id: string, endpoint: unknown) => ({ id, name: id, preset: 'custom', endpoint, kuboName: null });

// One damaged entry in a list of settings takes only itself, and what depends on it waits.
describe('settings with one damaged entry', () => {
  let node: TestKubo;
  beforeAll(async () => {
    node = await startKubo();
  });
  afterAll(async () => {
    await node.stop();
  });

  it('keeps the other services and node profiles, names the one left out, and leaves its pin requests pending', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-settings-entries-'));
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        version: 3,
        theme: 'dark',
        node: {
          profiles: [
            {
              id: 'profile-good',
              name: 'Good',
              url: 'http://127.0.0.1:5001',
              auth: 'none',
              username: '',
              headerNames: [],
            },
            { id: 'profile-bad', name: 'Bad', url: 7, auth: 'none', username: '', headerNames: [] },
          ],
        },
        pins: { services: [service('service-one', 'http://127.0.0.1:9/psa'), service('service-two', 42)] },
      }),
    );
    await writeFile(
      join(dataDir, 'pin-requests.json'),
      JSON.stringify({ version: 2, requests: [storedPinRequest('req-two', 'service-two', { name: 'kept' })] }),
    );
    const host = await startTestHost(node, { dataDir, pinPollScale: 0.001 });
    try {
      const waiting = new Promise<PinRequest[]>((resolve) => {
        const seen = (requests: PinRequest[]) => {
          if (requests.some((request) => request.problem !== null || request.status === 'failed')) resolve(requests);
        };
        seen(host.services.pins.requests());
        host.services.pins.onRequestsChange(seen);
      });
      const settings = host.services.settings.get();
      expect(settings.pins.services.map((kept) => kept.id)).toEqual(['service-one']);
      expect(settings.node.profiles.map((kept) => kept.id)).toEqual(['profile-good']);
      expect(settings.theme).toBe('dark');
      const [problem] = host.services.store.problems();
      expect(problem).toMatchObject({ file: 'settings.json', dropped: 2 });
      expect(problem?.kind === 'unreadable' && problem.reason).toMatch(/pins\.services: “service-two”.*endpoint/);
      expect(problem?.kind === 'unreadable' && problem.reason).toMatch(/node\.profiles: “Bad”.*url/);
      expect(await waiting).toMatchObject([
        { id: 'req-two', status: 'queued', failure: null, problem: { code: 'PIN_SERVICE_UNKNOWN' } },
      ]);
    } finally {
      await host.stop();
    }
  });

  it('keeps the first of two services or node profiles with one id, names the other, and keeps the bytes aside', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-settings-twice-'));
    const profile = (name: string) => ({
      id: 'profile-one',
      name,
      url: 'http://127.0.0.1:5001',
      auth: 'none',
      username: '',
      headerNames: [],
    });
    const text = JSON.stringify({
      version: 3,
      node: { profiles: [profile('First'), profile('Second')] },
      pins: {
        services: [
          service('service-one', 'http://127.0.0.1:9/first'),
          service('service-one', 'http://127.0.0.1:9/second'),
        ],
      },
    });
    await writeFile(join(dataDir, 'settings.json'), text);
    const host = await startTestHost(node, { dataDir });
    try {
      const settings = host.services.settings.get();
      expect(settings.pins.services.map((kept) => kept.endpoint)).toEqual(['http://127.0.0.1:9/first']);
      expect(settings.node.profiles.map((kept) => kept.name)).toEqual(['First']);
      const [problem] = host.services.store.problems();
      expect(problem).toMatchObject({ file: 'settings.json', dropped: 2 });
      expect(problem?.kind === 'unreadable' && problem.reason).toMatch(/pins\.services: “service-one”.*service-one/);
      expect(problem?.kind === 'unreadable' && problem.reason).toMatch(/node\.profiles: “Second”.*profile-one/);
      expect(await readFile((problem?.kind === 'unreadable' && problem.aside) || '', 'utf8')).toBe(text);
    } finally {
      await host.stop();
    }
  });
});
