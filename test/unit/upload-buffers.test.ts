import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferRecycler } from '../../electron/services/recycled-buffers';
import { multipartTree, newBoundary } from '../../electron/services/uploads/multipart';
import { walk } from '../../electron/services/walk';

const KIB = 1024;

// The case the recycler exists for: many files of one read or two. Every read buffer, the last
// (short) read of each file included, comes back once the socket has it, so a thousand files take
// a handful of buffers, not one or two fresh ones each.
describe('reading a folder of 1,000 files of 300 KiB to 1 MiB into recycled buffers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-buffers-'));
    for (let i = 0; i < 1000; i++) {
      // Sparse files: the sizes that matter, without writing 650 MB.
      const file = await open(join(dir, `file-${i}.bin`), 'w');
      await file.truncate(300 * KIB + Math.floor(((1024 - 300) * KIB * i) / 999));
      await file.close();
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('allocates a few buffers for the whole folder, and sends every byte', async () => {
    const tree = await walk(dir, { hidden: false, symlinks: 'preserve', signal: new AbortController().signal });
    const buffers = bufferRecycler();
    // Every distinct memory the files' bytes were read into: what was allocated for them.
    const memories = new Set<ArrayBufferLike>();
    let sent = 0;
    // As the sender does: each chunk given back once written.
    for await (const chunk of multipartTree(newBoundary(), tree.entries, buffers)) {
      sent += chunk.byteLength;
      if (chunk.byteLength >= 300 * KIB) memories.add(chunk.buffer);
      buffers.give(chunk);
    }
    expect(sent).toBeGreaterThan(tree.totalBytes);
    expect(tree.totalFiles).toBe(1000);
    expect(memories.size).toBeLessThanOrEqual(2);
  });
});
