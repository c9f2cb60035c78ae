import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestsAhead, readAhead, startSmallFileThread, type SmallFile } from '../../electron/services/small-files';

// Small files read on a thread in batches: each file's own bytes, whatever batch it fell in, and a
// file that changed or vanished since it was listed named in the error.
describe('reading small files ahead on a thread', () => {
  let dir: string;
  const files: (SmallFile & { bytes: Buffer })[] = [];
  const thread = startSmallFileThread();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-small-'));
    // 600 files: past one batch by count; 200 KiB ones every 50 fill a batch by bytes too.
    for (let i = 0; i < 600; i++) {
      const bytes = randomBytes(i % 50 === 0 ? 200 * 1024 : i % 7);
      const path = join(dir, `${i}.bin`);
      await writeFile(path, bytes);
      files.push({ path, size: bytes.byteLength, bytes });
    }
  });
  afterAll(async () => {
    await thread.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives every file its own bytes, read out of order within what is read ahead', async () => {
    const read = readAhead(files, thread);
    const order = files.map((_, index) => index ^ 1).filter((index) => index < files.length);
    const got = await Promise.all(order.map((index) => read(index)));
    for (const [at, index] of order.entries()) {
      expect(got[at]?.equals(files[index]?.bytes ?? Buffer.alloc(0)), `file ${index}`).toBe(true);
    }
  });

  it('gives every file its sha2-256, hashed on the thread, whatever batch it fell in', async () => {
    const digestOf = digestsAhead(files, thread);
    const got = await Promise.all(files.map((_, index) => digestOf(index)));
    for (const [index, file] of files.entries()) {
      expect(
        Buffer.from(got[index] ?? []).equals(createHash('sha256').update(file.bytes).digest()),
        `file ${index}`,
      ).toBe(true);
    }
  });

  it('names a file that grew since it was listed, and one that is gone', async () => {
    const grown = files[3] as SmallFile;
    await appendFile(grown.path, 'more');
    await expect(readAhead([grown], thread)(0)).rejects.toMatchObject({
      code: 'FILE_CHANGED',
      message: expect.stringContaining(grown.path) as unknown,
    });
    const gone = { path: join(dir, 'gone.bin'), size: 3 };
    await expect(readAhead([files[0] as SmallFile, gone], thread)(1)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: `${gone.path} no longer exists.`,
    });
    await expect(digestsAhead([grown], thread)(0)).rejects.toMatchObject({ code: 'FILE_CHANGED' });
    await expect(digestsAhead([gone], thread)(0)).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });

  it('refuses a file that became a named pipe, where opening it to read would wait for a writer for ever', async () => {
    const pipe = { path: join(dir, 'was a file'), size: 3 };
    await promisify(execFile)('mkfifo', [pipe.path]);
    await expect(readAhead([pipe], thread)(0)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: `${pipe.path} is a named pipe (FIFO): Cairn adds regular files and folders only.`,
    });
  });
});
