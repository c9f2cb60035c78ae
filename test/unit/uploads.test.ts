import { describe, expect, it } from 'vitest';
import { addParams } from '../../electron/services/uploads/add-params';
import { numbered } from '../../electron/services/uploads/place-in-files';
import type { UploadItem } from '../../shared/ipc/contract';
import { formatDuration } from '../../renderer/app/format';
import { progressOf } from '../../renderer/features/files/upload-progress';

describe('upload parameters', () => {
  it("sends no import settings for the node's own, and each profile's for the named ones", () => {
    expect(addParams({ profile: 'node', pin: true, pinName: 'a' })).toEqual({ pin: 'true', 'pin-name': 'a' });
    expect(addParams({ profile: 'unixfs-v0-2015', pin: false, pinName: 'a' })).toEqual({
      'cid-version': '0',
      'raw-leaves': 'false',
      chunker: 'size-262144',
      hash: 'sha2-256',
      'max-file-links': '174',
      'max-directory-links': '0',
      'max-hamt-fanout': '256',
      trickle: 'false',
      pin: 'false',
    });
    expect(addParams({ profile: 'unixfs-v1-2025', pin: true, pinName: 'b' })).toMatchObject({
      'cid-version': '1',
      chunker: 'size-1048576',
      'max-file-links': '1024',
    });
  });

  it('numbers a taken name before its extension, never inside a leading dot', () => {
    expect(numbered('report.pdf', 2)).toBe('report (2).pdf');
    expect(numbered('archive.tar.gz', 3)).toBe('archive.tar (3).gz');
    expect(numbered('.env', 2)).toBe('.env (2)');
    expect(numbered('README', 2)).toBe('README (2)');
  });
});

describe('upload progress', () => {
  const item = (patch: Partial<UploadItem>): UploadItem => ({
    id: 'x',
    name: 'x',
    kind: 'file',
    folder: '/',
    options: { profile: 'node', pin: true, hidden: false, symlinks: 'preserve', pinServices: [] },
    state: 'adding',
    totalBytes: 1000,
    totalFiles: 1,
    bytesDone: 0,
    filesDone: 0,
    createdAt: 0,
    startedAt: 0,
    finishedAt: null,
    ...patch,
  });

  it('adds up unfinished items and measures the rate from the earliest start', () => {
    const progress = progressOf(
      [
        item({ bytesDone: 300, totalFiles: 3, filesDone: 1 }),
        item({ bytesDone: 100, startedAt: 1000 }),
        item({ state: 'added', bytesDone: 5000, totalBytes: 5000 }),
      ],
      2000,
    );
    expect(progress).toEqual({
      bytesDone: 400,
      totalBytes: 2000,
      filesDone: 1,
      totalFiles: 4,
      rate: 200,
      secondsLeft: 8,
    });
  });

  it('gives no time left while a folder is still being walked, nor a rate before anything moved', () => {
    expect(progressOf([item({ bytesDone: 10 }), item({ totalBytes: null, startedAt: null })], 2000).secondsLeft).toBe(
      null,
    );
    expect(progressOf([item({})], 2000).rate).toBe(null);
  });

  it('says durations the way a person reads them', () => {
    expect(formatDuration(4.2)).toBe('5 s');
    expect(formatDuration(95)).toBe('1 min 35 s');
    expect(formatDuration(7300)).toBe('2 h 1 min');
    expect(formatDuration(Infinity)).toBe('unknown');
  });
});
