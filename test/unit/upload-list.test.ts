import { describe, expect, it } from 'vitest';
import type { UploadItem } from '../../shared/ipc/contract';
import { changedUploads, emptyUploadList, type UploadList } from '../../renderer/features/files/upload-list';
import { totalsOf } from '../../renderer/features/files/upload-progress';
import { finishedSummary, progressSummary } from '../../renderer/features/files/upload-summary';

const states: UploadItem['state'][] = ['queued', 'adding', 'added', 'failed', 'interrupted', 'cancelled'];
const upload = (n: number, patch: Partial<UploadItem> = {}): UploadItem => ({
  id: `u${n}`,
  name: `file-${n}`,
  kind: 'file',
  folder: '/',
  options: { profile: 'node', pin: true, hidden: false, symlinks: 'preserve', pinServices: [] },
  state: 'queued',
  totalBytes: 100,
  totalFiles: 1,
  bytesDone: 0,
  filesDone: 0,
  createdAt: n,
  startedAt: null,
  finishedAt: null,
  ...patch,
});
const ids = (list: UploadList) => list.uploads.map((item) => item.id);

describe('the upload list in the renderer', () => {
  it('merges new items newest first, updates known ones where they are, and removes', () => {
    let list = changedUploads(emptyUploadList, { items: [upload(1), upload(3)], removed: [] });
    list = changedUploads(list, { items: [upload(2), upload(4), upload(3, { state: 'adding' })], removed: [] });
    expect(ids(list)).toEqual(['u4', 'u3', 'u2', 'u1']);
    expect(list.uploads[1]?.state).toBe('adding');
    list = changedUploads(list, { items: [], removed: ['u2', 'gone'] });
    expect(ids(list)).toEqual(['u4', 'u3', 'u1']);
    expect([...list.uploadPositions]).toEqual([
      ['u4', 0],
      ['u3', 1],
      ['u1', 2],
    ]);
  });

  it("keeps known items as they are for a request's answer, which may be older than an event", () => {
    const list = changedUploads(emptyUploadList, { items: [upload(1, { state: 'added' })], removed: [] });
    const answered = changedUploads(list, { items: [upload(1), upload(2)], removed: [] }, true);
    expect(answered.uploads.map((item) => item.state)).toEqual(['queued', 'added']);
  });

  it('keeps totals equal to adding up every item, through any sequence of changes', () => {
    let list = emptyUploadList;
    let seed = 7;
    const next = (below: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % below;
    for (let step = 0; step < 300; step++) {
      const items = Array.from({ length: next(4) }, () => {
        const state = states[next(states.length)] ?? 'queued';
        return upload(next(40), {
          state,
          bytesDone: next(100),
          totalBytes: next(5) === 0 ? null : 100,
          startedAt: state === 'adding' ? next(3) * 1000 : null,
        });
      });
      const removed = next(5) === 0 ? [`u${next(40)}`] : [];
      list = changedUploads(list, { items, removed }, next(4) === 0);
      expect(list.uploadTotals).toEqual(totalsOf(list.uploads));
    }
  });
});

describe('the upload queue summary', () => {
  const summary = (...states: UploadItem['state'][]) =>
    finishedSummary(totalsOf(states.map((state, n) => upload(n, { state }))));

  it('says "done" only for uploads that landed, and names failed and cancelled ones', () => {
    expect(summary('cancelled', 'cancelled', 'cancelled', 'failed')).toBe('1 failed, 3 cancelled');
    expect(summary('added', 'added', 'interrupted', 'cancelled')).toBe('2 done, 1 failed, 1 cancelled');
    expect(summary('added')).toBe('1 done');
  });

  it('gives no total for unfinished uploads while one of them is still being measured', () => {
    const walking = upload(1, { totalBytes: null, totalFiles: null });
    expect(progressSummary(totalsOf([walking]), 0)).toBe('1 in progress, 0 B, size not known yet');
    const running = upload(2, { state: 'adding', totalBytes: 2048, totalFiles: 2, bytesDone: 1024, filesDone: 1 });
    expect(progressSummary(totalsOf([walking, running]), 0)).toBe('2 in progress, 1.0 KiB, size not known yet');
    expect(progressSummary(totalsOf([running]), 0)).toBe('1 in progress, 1.0 KiB of 2.0 KiB, 1 of 2 files');
  });
});
