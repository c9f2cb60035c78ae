import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CairnApi } from '../../../shared/ipc/api';
import type { RemoteVerification } from '../../../shared/ipc/contract';
import { useAppStore } from '../../../renderer/app/store';
import { checkSources, editRemoteCid, saveVerifiedCopy } from '../../../renderer/features/verify/verify-actions';

const verdict = (outcome: RemoteVerification['outcome'], savedAs?: string): RemoteVerification => ({
  source: 'Test gateway',
  ref: { kind: 'gateway', id: 'test' },
  outcome,
  message: outcome,
  blocks: 1,
  bytes: 1,
  ...(savedAs ? { savedAs } : {}),
});

/** A window with main behind it that answers each call when the test says, and records what is cancelled. */
function fakeWindow() {
  const pending: { channel: string; cid: string; answer: (data: unknown) => void }[] = [];
  const cancelled: string[] = [];
  const api: Pick<CairnApi, 'invoke' | 'on' | 'cancel'> = {
    invoke: ((channel: string, request: { cid: string }) =>
      new Promise<{ ok: true; data: unknown }>((resolve) =>
        pending.push({ channel, cid: request.cid, answer: (data) => resolve({ ok: true, data }) }),
      )) as CairnApi['invoke'],
    on: () => () => undefined,
    cancel: (opId) => {
      cancelled.push(opId);
      return Promise.resolve();
    },
  };
  vi.stubGlobal('window', { cairn: api });
  const answer = (cid: string, data: unknown) => pending.find((call) => call.cid === cid)?.answer(data);
  return { pending, cancelled, answer };
}

describe('answers about a CID in the Verify view', () => {
  beforeEach(() => editRemoteCid(''));
  afterEach(() => vi.unstubAllGlobals());

  it('shows no verdict about a CID the field no longer holds, and cancels its check', async () => {
    const main = fakeWindow();
    editRemoteCid('bafkold');
    const first = checkSources();
    const firstOp = useAppStore.getState().sourcesCheck.opId;
    editRemoteCid('bafknew');
    const second = checkSources();
    main.answer('bafknew', [verdict('not-found')]);
    await second;
    // The answer for the CID typed before comes last: it says nothing of this one.
    main.answer('bafkold', [verdict('verified')]);
    await first;
    expect(useAppStore.getState()).toMatchObject({
      remoteCid: 'bafknew',
      sourcesCheck: { state: 'done', result: [{ outcome: 'not-found' }] },
    });
    expect(main.cancelled).toEqual([firstOp]);
  });

  it('shows no copy saved from another CID beside the one the field holds', async () => {
    const main = fakeWindow();
    editRemoteCid('bafkold');
    const saving = saveVerifiedCopy('Test gateway', { kind: 'gateway', id: 'test' });
    const savingOp = useAppStore.getState().remoteFetches['Test gateway']?.opId;
    editRemoteCid('bafknew');
    main.answer('bafkold', verdict('verified', '/exports/bafkold'));
    await saving;
    expect(useAppStore.getState().remoteFetches).toEqual({});
    expect(main.cancelled).toEqual([savingOp]);
  });
});
