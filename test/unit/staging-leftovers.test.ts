import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestUploads } from '../harness/uploads';

/**
 * Whether this system lets a test make a file that cannot be removed (`chattr +i`: Linux, with
 * CAP_LINUX_IMMUTABLE), as a file another program holds open is on Windows.
 */
function canPin(dir: string): boolean {
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    return true;
  } catch {
    console.log('skipped: chattr +i is not available here, so no file can be made unremovable');
    return false;
  }
}

describe('a staged copy no upload needs, which cannot be removed', () => {
  let dir: string;
  let pinned: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-staging-left-'));
  });
  afterEach(async () => {
    for (const path of pinned) execFileSync('chattr', ['-i', path]);
    pinned = [];
    await rm(dir, { recursive: true, force: true });
  });

  it('is left for the next start, which it does not stop; the others still go', async (context) => {
    if (!canPin(dir)) context.skip();
    const staging = join(dir, 'upload-staging');
    const held = join(staging, 'held-open', 'drop.bin');
    await mkdir(join(held, '..'), { recursive: true });
    await writeFile(held, 'bytes');
    await mkdir(join(staging, 'gone'));
    await writeFile(join(staging, 'gone', 'other.bin'), 'bytes');
    execFileSync('chattr', ['+i', held]);
    pinned.push(held);

    const uploads = await openTestUploads(() => {
      throw new Error('no node is needed to open the queue');
    }, dir);
    try {
      expect(uploads.queue.list()).toEqual([]);
      expect(await readdir(staging)).toContain('held-open');
      expect(await readdir(staging)).not.toContain('gone');
    } finally {
      await uploads.close();
    }
  });

  it('does not fail a clear, whose rows are gone, and goes at the next start once it can', async (context) => {
    if (!canPin(dir)) context.skip();
    const noNode = () => {
      throw new Error('no node runs');
    };
    const uploads = await openTestUploads(noNode, dir);
    const staged = join(dir, 'upload-staging');
    let id: string;
    try {
      [id = ''] = await uploads.enqueue([{ kind: 'bytes', name: 'note.txt', data: new TextEncoder().encode('bytes') }]);
      uploads.queue.cancel([id]);
      await uploads.settled(id);
      const held = join(staged, id, 'note.txt');
      execFileSync('chattr', ['+i', held]);
      pinned.push(held);
      await uploads.queue.clear([id]);
      expect(uploads.queue.list()).toEqual([]);
      expect(await readdir(staged)).toContain(id);
    } finally {
      await uploads.close();
    }
    execFileSync('chattr', ['-i', ...pinned]);
    pinned = [];
    const again = await openTestUploads(noNode, dir);
    await again.close();
    expect(await readdir(staged)).not.toContain(id);
  });
});
