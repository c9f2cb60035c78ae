import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinRequest } from '../../shared/ipc/contract';
import { psaBackend } from '../../electron/services/pins/pin-backends';
import { openPinTracker, type PinTracker } from '../../electron/services/pins/pin-tracker';
import { createPsaClient } from '../../electron/services/pins/psa-client';
import { lookedAtCheckAge, pinnedCheckDelay } from '../../electron/services/pins/retry-policy';
import { pinRequestsFile } from '../../electron/services/store/files/pin-requests-file';
import { openDataStore } from '../../electron/services/store/data-store';
import { someCids } from '../harness/cids';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The tracker against the real Pinning Service API peer, on a clock the test moves ahead: the
 * minutes a user is away are not something a test should wait through.
 */
describe('pinned requests asked about again when the user comes back', () => {
  let service: TestPinningService;
  let dataDir: string;
  let tracker: PinTracker;
  /** How far the test moved the tracker's clock ahead of the real one. */
  let ahead = 0;
  const clock = () => Date.now() + ahead;

  const requestOf = (id: string): PinRequest | undefined => tracker.list().find((request) => request.id === id);
  /** Resolves once the tracker says `done` of its requests (an event, not a poll). */
  const changedTo = (done: (requests: PinRequest[]) => boolean) =>
    new Promise<void>((resolve) => {
      if (done(tracker.list())) {
        resolve();
        return;
      }
      const stop = tracker.onChange((requests) => {
        if (!done(requests)) return;
        stop();
        resolve();
      });
    });

  async function pinnedThere(seed: string): Promise<{ cid: string; id: string }> {
    const [cid = ''] = await someCids(1, seed);
    const [made] = await tracker.request({ cids: [cid], serviceIds: ['svc'], name: seed });
    const id = made?.id ?? '';
    await changedTo(() => requestOf(id)?.requestId != null);
    service.edit((pins) => pins.map((pin) => (pin.pin.cid === cid ? { ...pin, status: 'pinned' } : pin)));
    // Checked while young: pinned once the service says so.
    await changedTo(() => requestOf(id)?.status === 'pinned');
    return { cid, id };
  }

  beforeAll(async () => {
    service = await startPinningService();
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-recheck-'));
    const store = await openDataStore(dataDir, quiet);
    const client = createPsaClient({ endpoint: service.endpoint, token: service.token });
    tracker = openPinTracker({
      file: await store.open(pinRequestsFile),
      backend: () => Promise.resolve(psaBackend(client)),
      servicesKnown: true,
      origins: () => Promise.resolve([]),
      log: quiet,
      // A young request is checked every 50 ms; a pinned one, again after 36 s.
      pollScale: 0.01,
      now: clock,
    });
  });
  afterAll(async () => {
    await tracker.stop();
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a pin removed on the service shows as gone when the user comes back, not an hour later', async () => {
    const { cid, id } = await pinnedThere('removed-on-site');
    service.edit((pins) => pins.filter((pin) => pin.pin.cid !== cid));

    // Confirmed a moment ago: coming back asks nothing.
    expect(tracker.recheckPinned()).toBe(0);
    expect(requestOf(id)?.status).toBe('pinned');

    // Long enough for the user to have gone to the service's site, well before the hourly check.
    ahead += lookedAtCheckAge(0.01);
    expect(requestOf(id)?.nextCheckAt).toBeGreaterThan(clock() + pinnedCheckDelay(0.01) / 2);
    expect(tracker.recheckPinned()).toBe(1);
    await changedTo(() => requestOf(id)?.status === 'failed');
    expect(requestOf(id)?.failure?.code).toBe('PIN_REQUEST_GONE');
  });

  it('a pin still there is confirmed again, and not asked about again for a while', async () => {
    const { id } = await pinnedThere('still-there');
    ahead += lookedAtCheckAge(0.01);
    const before = requestOf(id)?.updatedAt ?? 0;
    expect(tracker.recheckPinned()).toBe(1);
    await changedTo(() => (requestOf(id)?.updatedAt ?? 0) > before);
    expect(requestOf(id)).toMatchObject({ status: 'pinned', stale: false, problem: null });
    expect(tracker.recheckPinned()).toBe(0);
  });
});
