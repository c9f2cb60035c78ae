import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarReader } from '@ipld/car/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink } from '../../electron/ipc/types';
import type { Exported, OpProgress } from '../../shared/ipc/contract';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';

// Exports from MFS to disk, where the (test) platform's dialog says: the bytes must be Kubo's.
describe('exporting from Files to disk', () => {
  let node: TestKubo;
  let host: TestHost;
  let dir: string;
  let exports: string;
  const progress: OpProgress[] = [];
  const sink: EventSink = {
    send: (event, payload) => {
      if (event === 'op.progress') progress.push(payload as OpProgress);
    },
  };

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    dir = await mkdtemp(join(tmpdir(), 'cairn-export-'));
    exports = join(host.dataDir, 'exports');
    await mkdir(join(dir, 'album', 'Café ☕', '--deep'), { recursive: true });
    await writeFile(join(dir, 'album', 'big.bin'), randomBytes(3 * 1024 * 1024 + 17));
    await writeFile(join(dir, 'album', 'two words.txt'), 'two\nlines\n');
    await writeFile(join(dir, 'album', 'Café ☕', '--deep', '-r'), '');
    const cid = (await node.ipfs('add', '-r', '-Q', '--chunker=size-262144', join(dir, 'album'))).trim();
    await node.ipfs('files', 'cp', `/ipfs/${cid}`, '/album');
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  let opCount = 0;
  const exportItem = (path: string, as: 'content' | 'car') =>
    host.dispatcher.dispatch('files.export', { opId: `export-${opCount++}-op`, path, as }, sink);

  it('streams a file to disk with its exact bytes, reporting progress against its size', async () => {
    const result = await exportItem('/album/big.bin', 'content');
    expect(result).toEqual({
      ok: true,
      data: { destination: join(exports, 'big.bin'), bytes: 3 * 1024 * 1024 + 17, files: 1 },
    });
    // Compared by digest: toEqual walks a Buffer byte by byte, about 15 s for these 3 MiB.
    expect(await sha256(join(exports, 'big.bin'))).toBe(await sha256(join(dir, 'album', 'big.bin')));
    expect(progress.at(-1)).toMatchObject({ bytes: 3 * 1024 * 1024 + 17, totalBytes: 3 * 1024 * 1024 + 17 });
  });

  it('writes a folder as a folder, names with unicode, spaces and leading dashes included', async () => {
    const result = await exportItem('/album', 'content');
    expect(result).toMatchObject({ ok: true, data: { destination: join(exports, 'album'), files: 3 } });
    const written = await readdir(join(exports, 'album'), { recursive: true });
    expect(written.sort()).toEqual(
      ['Café ☕', 'Café ☕/--deep', 'Café ☕/--deep/-r', 'big.bin', 'two words.txt'].sort(),
    );
    expect(await readFile(join(exports, 'album', 'two words.txt'), 'utf8')).toBe('two\nlines\n');
    expect(await readFile(join(exports, 'album', 'Café ☕', '--deep', '-r'), 'utf8')).toBe('');
  });

  it('writes a folder’s symbolic links as links to what they name, as `ipfs get` does, not as files holding that path', async () => {
    const linked = join(dir, 'linked');
    await mkdir(linked);
    await writeFile(join(linked, 'real.txt'), 'real\n');
    await symlink('real.txt', join(linked, 'beside'));
    await symlink('../../somewhere else', join(linked, 'away'));
    const cid = (await node.ipfs('add', '-r', '-Q', linked)).trim();
    await node.ipfs('files', 'cp', `/ipfs/${cid}`, '/linked');
    const result = await exportItem('/linked', 'content');
    expect(result).toMatchObject({ ok: true, data: { destination: join(exports, 'linked'), files: 3 } });
    const beside = join(exports, 'linked', 'beside');
    expect((await lstat(beside)).isSymbolicLink()).toBe(true);
    expect(await readlink(beside)).toBe('real.txt');
    expect(await readFile(beside, 'utf8')).toBe('real\n');
    // A link is written as it is, never followed: nothing is written where it points.
    expect(await readlink(join(exports, 'linked', 'away'))).toBe('../../somewhere else');
    expect(await readdir(exports)).not.toContain('somewhere else');
  });

  it('refuses to write over a folder that is already there', async () => {
    expect(await exportItem('/album', 'content')).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EXISTS', message: `${join(exports, 'album')} already exists; choose another folder.` },
    });
  });

  it('writes where the dialog said, never through a link found at its working name', async () => {
    // A link where the export writes first (beside the destination), to a file that must stay as it is.
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'keep me\n');
    await symlink(victim, join(exports, '.two words.txt.cairn-part'));
    const result = await exportItem('/album/two words.txt', 'content');
    expect(result).toMatchObject({ ok: true, data: { destination: join(exports, 'two words.txt'), files: 1 } });
    expect(await readFile(victim, 'utf8')).toBe('keep me\n');
    expect((await lstat(join(exports, 'two words.txt'))).isFile()).toBe(true);
    expect(await readFile(join(exports, 'two words.txt'), 'utf8')).toBe('two\nlines\n');
    expect((await readdir(exports)).filter((name) => name.endsWith('.cairn-part'))).toEqual([]);
  });

  it('exports any item as a CAR whose root is its CID and whose blocks are its whole DAG', async () => {
    const cid = (await node.ipfs('files', 'stat', '--hash', '/album')).trim();
    const result = await exportItem('/album', 'car');
    expect(result).toMatchObject({ ok: true, data: { destination: join(exports, 'album.car') } });
    const reader = await CarReader.fromIterable(createReadStream(join(exports, 'album.car')));
    expect((await reader.getRoots()).map(String)).toEqual([cid]);
    const refs = (await node.ipfs('refs', '-r', '--unique', cid)).split('\n').filter(Boolean);
    const inCar: string[] = [];
    for await (const block of reader.blocks()) inCar.push(block.cid.toString());
    expect(inCar.sort()).toEqual([cid, ...refs].sort());
  });

  it('leaves nothing behind when cancelled mid-file', async () => {
    await writeFile(join(dir, 'huge.bin'), randomBytes(96 * 1024 * 1024));
    const cid = (await node.ipfs('add', '-Q', join(dir, 'huge.bin'))).trim();
    await node.ipfs('files', 'cp', `/ipfs/${cid}`, '/huge.bin');
    const opId = 'cancel-huge-export';
    const running = host.dispatcher.dispatch('files.export', { opId, path: '/huge.bin', as: 'content' }, sink);
    await new Promise((resolve) => setTimeout(resolve, 150));
    host.dispatcher.cancel(opId);
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const left = await readdir(exports);
    expect(left.filter((name) => name.includes('huge'))).toEqual([]);
  });

  it('refuses to write a folder holding a name that would read as another, naming it; nothing is left behind', async () => {
    // "invoice\u202Efdp.exe" is an executable that the OS would show as "invoiceexe.pdf".
    await mkdir(join(dir, 'crafted'));
    await writeFile(join(dir, 'crafted', 'invoice\u202Efdp.exe'), 'MZ');
    await writeFile(join(dir, 'crafted', 'plain.txt'), 'plain');
    const cid = (await node.ipfs('add', '-r', '-Q', join(dir, 'crafted'))).trim();
    await node.ipfs('files', 'cp', `/ipfs/${cid}`, '/crafted');
    const result = await exportItem('/crafted', 'content');
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('“invoice⟨U+202E⟩fdp.exe” cannot be written to disk') as string,
        details: { name: 'invoice\u202Efdp.exe', problem: 'disk-name' },
      },
    });
    expect((await readdir(exports)).filter((name) => name.includes('crafted'))).toEqual([]);
  });

  it('offers a file whose name would read as another under its real name in the save dialog', async () => {
    const platform = host.services.platform;
    const dialogs = platform.dialogs;
    const offered: { title: string; defaultName: string }[] = [];
    platform.dialogs = {
      ...dialogs,
      chooseSavePath: (options) => {
        offered.push(options);
        return dialogs.chooseSavePath(options);
      },
    };
    try {
      const result = await exportItem('/crafted/invoice\u202Efdp.exe', 'content');
      expect(result).toMatchObject({ ok: true, data: { destination: join(exports, 'invoicefdp.exe'), files: 1 } });
      expect(offered).toEqual([
        expect.objectContaining({ title: 'Save “invoice⟨U+202E⟩fdp.exe”', defaultName: 'invoicefdp.exe' }),
      ]);
      expect(await readFile(join(exports, 'invoicefdp.exe'), 'utf8')).toBe('MZ');
    } finally {
      platform.dialogs = dialogs;
    }
  });

  it('says what is wrong for a missing path, and does nothing when the dialog is dismissed', async () => {
    expect(await exportItem('/nothing here', 'content')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Nothing is at /nothing here in Files.' },
    });
    // The person closes the save dialog: nothing is written, and that is no error.
    const platform = host.services.platform;
    const dialogs = platform.dialogs;
    platform.dialogs = { ...dialogs, chooseSavePath: () => Promise.resolve(null) };
    try {
      const dismissed = await exportItem('/album/big.bin', 'content');
      expect(dismissed).toEqual({ ok: true, data: { destination: null, bytes: 0, files: 0 } satisfies Exported });
    } finally {
      platform.dialogs = dialogs;
    }
  });
});

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}
