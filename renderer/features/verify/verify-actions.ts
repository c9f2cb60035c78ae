import type { LocalVerification, RemoteSource, RemoteVerification } from '../../../shared/ipc/contract';
import { cairn, call, CallError } from '../../app/api';
import { plainMessage } from '../../app/failure';
import { useAppStore } from '../../app/store';
import { toVerifySource, type Picked } from './verify-source';
import type { RunState } from './verify-slice';

/** The files behind the chosen item; the store only holds what the view shows of it. */
let picked: Picked | null = null;

export function choose(item: Picked): void {
  picked = item;
  stopLocalCheck();
  useAppStore.getState().patchVerify({
    verifyChosen: { name: item.name, folder: item.folder, size: item.size },
    localCheck: { state: 'idle' },
  });
}

/** Another expected CID: a check still running against the one before is cancelled, its answer never shown. */
export function editVerifyCid(verifyCid: string): void {
  stopLocalCheck();
  useAppStore.getState().patchVerify({ verifyCid, localCheck: { state: 'idle' } });
}

function stopLocalCheck(): void {
  const { localCheck } = useAppStore.getState();
  if (localCheck.state === 'running') cancelOperation(localCheck.opId);
}

export async function verifyChosen(): Promise<void> {
  const { verifyCid, verifyExplicit, verifySettings, patchVerify } = useAppStore.getState();
  if (!picked) return;
  const opId = crypto.randomUUID();
  patchVerify({ localCheck: { state: 'running', opId, bytes: 0, totalBytes: picked.size || null } });
  // Only while the view still shows this check: its answer is about this file and this CID.
  const settle = (localCheck: RunState<LocalVerification>) => {
    if (useAppStore.getState().localCheck.opId === opId) patchVerify({ localCheck });
  };
  try {
    const result = await call('verify.local', {
      opId,
      source: await toVerifySource(picked),
      cid: verifyCid,
      ...(verifyExplicit ? { settings: verifySettings } : {}),
    });
    settle({ state: 'done', result });
  } catch (error) {
    settle(failure(error));
  }
}

/**
 * Another CID to fetch: the check and the saves still running for the one before are cancelled, and
 * their answers, about other content, are never shown under this one.
 */
export function editRemoteCid(remoteCid: string): void {
  const { sourcesCheck, remoteFetches, patchVerify } = useAppStore.getState();
  for (const run of [sourcesCheck, ...Object.values(remoteFetches)]) {
    if (run.state === 'running') cancelOperation(run.opId);
  }
  patchVerify({ remoteCid, sourcesCheck: { state: 'idle' }, remoteFetches: {} });
}

export async function checkSources(): Promise<void> {
  const { remoteCid, patchVerify } = useAppStore.getState();
  const opId = crypto.randomUUID();
  patchVerify({ sourcesCheck: { state: 'running', opId }, remoteFetches: {} });
  // Only while the view still shows this check: its verdicts are about this CID.
  const settle = (sourcesCheck: RunState<RemoteVerification[]>) => {
    if (useAppStore.getState().sourcesCheck.opId === opId) patchVerify({ sourcesCheck });
  };
  try {
    settle({ state: 'done', result: await call('verify.sources', { opId, cid: remoteCid }) });
  } catch (error) {
    settle(failure(error));
  }
}

/** Fetches again from one source, and keeps the copy only once every block is verified. */
export async function saveVerifiedCopy(name: string, source: RemoteSource): Promise<void> {
  const { remoteCid } = useAppStore.getState();
  const opId = crypto.randomUUID();
  useAppStore.setState((state) => ({
    remoteFetches: { ...state.remoteFetches, [name]: { state: 'running', opId, bytes: 0, totalBytes: null } },
  }));
  // Only while the view still shows this save: a copy of another CID is not this one's.
  const settle = (run: RunState<RemoteVerification>) =>
    useAppStore.setState((state) =>
      state.remoteFetches[name]?.opId === opId ? { remoteFetches: { ...state.remoteFetches, [name]: run } } : state,
    );
  try {
    settle({ state: 'done', result: await call('verify.fetch', { opId, cid: remoteCid, source }) });
  } catch (error) {
    settle(failure(error));
  }
}

export function cancelOperation(opId: string | undefined): void {
  if (opId) void cairn().cancel(opId);
}

/** Applies progress events, and each source's verdict as it is reached, to the check they belong to. */
export function followVerifyProgress(): () => void {
  const verdicts = cairn().on('verify.sourceVerdict', ({ opId, verdict }) => {
    const { sourcesCheck, patchVerify } = useAppStore.getState();
    if (sourcesCheck.opId !== opId || sourcesCheck.state !== 'running') return;
    patchVerify({ sourcesCheck: { ...sourcesCheck, result: [...(sourcesCheck.result ?? []), verdict] } });
  });
  const progress = cairn().on('op.progress', ({ opId, bytes, totalBytes, stage, attempt }) => {
    const { localCheck, remoteFetches, patchVerify } = useAppStore.getState();
    if (localCheck.opId === opId && localCheck.state === 'running') {
      patchVerify({ localCheck: { ...localCheck, bytes, totalBytes, stage, attempt } });
      return;
    }
    for (const [name, run] of Object.entries(remoteFetches)) {
      if (run.opId === opId && run.state === 'running') {
        patchVerify({ remoteFetches: { ...remoteFetches, [name]: { ...run, bytes } } });
      }
    }
  });
  return () => {
    verdicts();
    progress();
  };
}

function failure(error: unknown): RunState<never> {
  if (error instanceof CallError && error.error.code === 'CANCELLED') return { state: 'cancelled' };
  return { state: 'failed', error: plainMessage(error) };
}
