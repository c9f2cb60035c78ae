import { describe, expect, it } from 'vitest';
import { wordsFor } from '../../renderer/app/failure-words';
import { noteWords } from '../../renderer/features/node/node-note-words';

describe('failures in words, written in the renderer from a code and its parameters', () => {
  it('says a disk is full plainly, naming the file where main gave one, errno and raw words in Details', () => {
    const settings = wordsFor({
      code: 'DISK_FULL',
      message: 'could not write /data/settings.json: ENOSPC',
      details: { path: '/data/settings.json' },
    });
    expect(settings.reason).toBe('The disk holding /data/settings.json is full: free some space and try again.');
    expect(settings.details).toContain('ENOSPC');
    expect(settings.mustAct).toBe(true);
    const kubo = wordsFor({ code: 'DISK_FULL', message: 'write blocks/x: no space left on device' });
    expect(kubo.reason).toBe('The disk holding the IPFS node’s data is full: free some space and try again.');
  });

  it('names the program holding the repo when main found it', () => {
    const words = wordsFor({
      code: 'REPO_LOCKED',
      message: 'repo.lock held',
      details: { repoPath: '/r', pid: 42, command: 'ipfs daemon' },
    });
    expect(words.reason).toMatch(/^Another program \(ipfs daemon, process 42\) is using the IPFS node’s repo\./);
  });

  it('says a Files path holds nothing, Kubo’s words in Details', () => {
    const words = wordsFor({
      code: 'NOT_FOUND',
      message: 'Nothing in Files at /gone (file does not exist).',
      details: { path: '/gone' },
    });
    expect(words.reason).toBe('Files has nothing at /gone.');
    expect(words.details).toContain('file does not exist');
  });

  it('says a name is taken, for a Files path or a key', () => {
    expect(wordsFor({ code: 'ALREADY_EXISTS', message: 'taken', details: { path: '/docs' } }).reason).toBe(
      'Files already has an item at /docs: choose another name.',
    );
    expect(wordsFor({ code: 'ALREADY_EXISTS', message: 'taken', details: { key: 'blog' } }).reason).toBe(
      'A key named “blog” already exists: choose another name.',
    );
  });

  it('keeps main’s message where no sentence fits the parameters yet', () => {
    expect(wordsFor({ code: 'FILE_UNWRITABLE', message: 'Could not write x: EIO' }).reason).toBe(
      'Could not write x: EIO',
    );
  });

  it('words what Cairn did to start the node, Kubo’s output in Details', () => {
    const migrated = noteWords({ kind: 'migrated', output: ['Migration 17-to-18 succeeded'] });
    expect(migrated).toEqual({
      sentence: 'Kubo updated the repo to its current version.',
      details: 'Migration 17-to-18 succeeded',
    });
  });
});
