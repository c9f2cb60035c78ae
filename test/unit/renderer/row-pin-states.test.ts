import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { Kept, LocalKeep } from '../../../shared/ipc/contract';
import { useAppStore } from '../../../renderer/app/store';
import { loadPinned } from '../../../renderer/features/files/browser/browser-actions';

describe('the pin states of the Files rows on screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** A stand-in for main that holds each keep.rows answer until the test gives it. */
  function heldAnswers() {
    const asked: string[][] = [];
    const answers: ((states: Record<string, Kept<LocalKeep>>) => void)[] = [];
    vi.stubGlobal('window', {
      cairn: {
        invoke: (_channel: string, request: { cids: string[] }) => {
          asked.push(request.cids);
          return new Promise<Result<Record<string, Kept<LocalKeep>>>>((resolve) =>
            answers.push((data) => resolve({ ok: true, data })),
          );
        },
      },
    });
    return { asked, answers };
  }

  it('asks once about rows already being asked about', async () => {
    const { asked, answers } = heldAnswers();
    const first = loadPinned(['bafy-a', 'bafy-b']);
    const second = loadPinned(['bafy-a', 'bafy-b', 'bafy-c']);
    expect(asked).toEqual([['bafy-a', 'bafy-b'], ['bafy-c']]);
    answers[0]?.({ 'bafy-a': { keep: 'recursive', missing: 0 }, 'bafy-b': { keep: 'files', missing: 0 } });
    answers[1]?.({ 'bafy-c': { keep: 'absent', missing: 0 } });
    await Promise.all([first, second]);
    expect(useAppStore.getState().pinned).toMatchObject({
      'bafy-a': { keep: 'recursive', missing: 0 },
      'bafy-b': { keep: 'files', missing: 0 },
      'bafy-c': { keep: 'absent', missing: 0 },
    });
  });

  it('drops an answer given before the pins changed, and asks again under the change', async () => {
    const { asked, answers } = heldAnswers();
    useAppStore.getState().keepChanged();
    const before = loadPinned(['bafy-d']);
    // Unpinned meanwhile: the answer on its way says what was true before.
    useAppStore.getState().keepChanged();
    const after = loadPinned(['bafy-d']);
    expect(asked).toEqual([['bafy-d'], ['bafy-d']]);
    answers[1]?.({ 'bafy-d': { keep: 'unprotected', missing: 0 } });
    answers[0]?.({ 'bafy-d': { keep: 'recursive', missing: 0 } });
    await Promise.all([before, after]);
    expect(useAppStore.getState().pinned['bafy-d']).toEqual({ keep: 'unprotected', missing: 0 });
  });
});
