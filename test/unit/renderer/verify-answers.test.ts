import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CairnApi } from '../../../shared/ipc/api';
import type { RemoteVerification } from '../../../shared/ipc/contract';
import { useAppStore } from '../../../renderer/app/store';
import {
  checkSources,
  choose,
  editRemoteCid,
  editVerifyCid,
  saveVerifiedCopy,
  verifyChosen,
} from '../../../renderer/features/verify/verify-actions';

const verdict = (outcome: RemoteVerification['outcome'], savedAs?: string): RemoteVerification => ({
  source: 'Test gateway',
  ref: { kind: 'gateway', id: 'test' },
  outcome,
  message: outcome,
  blocks: 1,
  bytes: 1,
  ...(savedAs ? { savedAs } : {}),
});

/**
 * A window with main behind it that answers the call about each CID when the test says (before or
 * after the call is made), and records what is cancelled.
 */
function fakeWindow() {
  type Answer = { ok: true; data: unknown };
  const answers = new Map<string, { promise: Promise<Answer>; resolve: (answer: Answer) => void }>();
  const about = (cid: string) => {
    let known = answers.get(cid);
    if (!known) {
      let resolve: (answer: Answer) => void = () => undefined;
      const promise = new Promise<Answer>((settle) => (resolve = settle));
      known = { promise, resolve };
      answers.set(cid, known);
    }
    return known;
  };
  const cancelled: string[] = [];
  const api: Pick<CairnApi, 'invoke' | 'on' | 'cancel'> = {
    invoke: ((_channel: string, request: { cid: string }) => about(request.cid).promise) as CairnApi['invoke'],
    on: () => () => undefined,
    cancel: (opId) => {
      cancelled.push(opId);
      return Promise.resolve();
    },
  };
  vi.stubGlobal('window', { cairn: api });
  return { cancelled, answer: (cid: string, data: unknown) => about(cid).resolve({ ok: true, data }) };
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

  it('shows no match for a CID or a file no longer chosen, and cancels that check', async () => {
    const main = fakeWindow();
    const file = { name: 'report.pdf', folder: false, size: 1, grant: 'grant-1', files: [] };
    choose(file);
    editVerifyCid('bafkold');
    const first = verifyChosen();
    const firstOp = useAppStore.getState().localCheck.opId;
    editVerifyCid('bafknew');
    const second = verifyChosen();
    const secondOp = useAppStore.getState().localCheck.opId;
    choose({ ...file, name: 'other.pdf', grant: 'grant-2' });
    main.answer('bafknew', { outcome: 'match' });
    main.answer('bafkold', { outcome: 'match' });
    await Promise.all([first, second]);
    // Neither answer is about other.pdf against bafknew: the view waits for its own check.
    expect(useAppStore.getState()).toMatchObject({ verifyCid: 'bafknew', localCheck: { state: 'idle' } });
    expect(main.cancelled).toEqual([firstOp, secondOp]);
  });
});
