import { randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';
import { verifyLocal } from '../../electron/services/verify/verify-local';
import { startKubo, type TestKubo } from '../harness/kubo';

const KIB = 1024;

/** Files and folders at the edges, each added with `ipfs add` under many flags. */
const FILES: Record<string, () => Buffer> = {
  'empty.bin': () => Buffer.alloc(0),
  'one-byte.bin': () => randomBytes(1),
  'one-chunk.bin': () => randomBytes(256 * KIB),
  'one-chunk-plus-1.bin': () => randomBytes(256 * KIB + 1),
  // With 1 KiB chunks, more than 174 leaves: a second tree level.
  'two-levels.bin': () => randomBytes(200 * KIB + 3),
  // The same 1 KiB chunk over and over: one leaf block linked many times.
  'repeated.bin': () => Buffer.concat(Array.from({ length: 300 }, () => Buffer.alloc(KIB, 7))),
};

const FLAGS: string[][] = [
  [],
  ['--cid-version=1'],
  ['--cid-version=1', '--raw-leaves=false'],
  ['--cid-version=0', '--raw-leaves'],
  ['--chunker=size-1024'],
  ['--cid-version=1', '--chunker=size-1048576'],
  ['--chunker=size-3000', '--cid-version=1'],
  ['--chunker=rabin-4096'],
  ['--chunker=rabin-1024-4096-16384', '--cid-version=1'],
  ['--trickle', '--chunker=size-1024'],
  ['--hash=sha2-512'],
  ['--hash=blake2b-256', '--raw-leaves'],
  ['--hash=blake3'],
  ['--inline', '--inline-limit=64', '--cid-version=1'],
  ['--wrap-with-directory'],
  ['--hidden'],
];

// Kubo adds each case; Cairn must say match for the same bytes, no match for other bytes when the
// node's copy shows it, and "cannot tell" (never a wrong verdict) when it has nothing to decide by.
describe('verifying a corpus of edge cases against the CIDs Kubo gave them', () => {
  let node: TestKubo;
  let dir: string;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-verify-corpus-'));
    for (const [name, make] of Object.entries(FILES)) await writeFile(join(dir, name), make());
    await mkdir(join(dir, 'empty-folder'));
    const nested = join(dir, 'nested');
    await mkdir(join(nested, 'a b', 'ünï 名前 🌲', 'empty'), { recursive: true });
    await writeFile(join(nested, 'top.txt'), 'top\n');
    await writeFile(join(nested, 'a b', 'middle.bin'), randomBytes(5 * KIB));
    await writeFile(join(nested, 'a b', 'ünï 名前 🌲', 'deep file.txt'), 'deep\n');
    await writeFile(join(nested, '.hidden'), 'a dot file\n');
    await symlink('top.txt', join(nested, 'link to top'));
    // More than 1,000 entries with long names: Kubo shards this folder.
    await mkdir(join(dir, 'wide'));
    for (let i = 0; i < 1100; i++) {
      await writeFile(join(dir, 'wide', `an-entry-with-a-long-name-${'x'.repeat(180)}-${i}`), `${i}\n`);
    }
  }, 60_000);
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const add = async (path: string, flags: string[], onlyHash = false) =>
    (await node.ipfs('add', '-Q', '-r', '--pin=false', ...(onlyHash ? ['--only-hash'] : []), ...flags, path)).trim();
  const verify = async (path: string, cid: string) =>
    (
      await verifyLocal({ kind: 'path', path }, CID.parse(cid), undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
        node: createKuboClient({ url: node.apiUrl, headers: {} }),
      })
    ).outcome;

  it('matches every file and folder as added, under every flag', async () => {
    const wrong: string[] = [];
    const paths = [...Object.keys(FILES), 'empty-folder', 'nested'];
    for (const flags of FLAGS) {
      for (const name of paths) {
        const cid = await add(join(dir, name), flags);
        const outcome = await verify(join(dir, name), cid);
        if (outcome !== 'match') wrong.push(`${name} ${flags.join(' ')}: ${outcome}`);
      }
    }
    // Kubo shards it (a HAMT, UnixFS type 5).
    const sharded = JSON.parse(await node.ipfs('dag', 'get', await add(join(dir, 'wide'), []))) as {
      Data: { '/': { bytes: string } };
    };
    expect(Buffer.from(sharded.Data['/'].bytes, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x08, 0x05]));
    for (const flags of [[], ['--cid-version=1', '--chunker=rabin-4096']]) {
      const outcome = await verify(join(dir, 'wide'), await add(join(dir, 'wide'), flags));
      if (outcome !== 'match') wrong.push(`wide ${flags.join(' ')}: ${outcome}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('says no match for one byte changed, a file added or removed or a name changed, when the node has the CID', async () => {
    const wrong: string[] = [];
    const changes: [string, (copy: string) => Promise<void>][] = [
      ['one-chunk-plus-1.bin', flipLastByte],
      ['two-levels.bin', flipLastByte],
      ['repeated.bin', flipLastByte],
      ['empty.bin', (copy) => appendFile(copy, 'x')],
      ['nested', (copy) => flipLastByte(join(copy, 'a b', 'ünï 名前 🌲', 'deep file.txt'))],
      ['nested', (copy) => writeFile(join(copy, 'a b', 'new.txt'), 'new\n')],
      ['nested', (copy) => rm(join(copy, 'top.txt'))],
      ['nested', (copy) => rename(join(copy, 'a b', 'middle.bin'), join(copy, 'a b', 'Middle.bin'))],
      ['nested', (copy) => rm(join(copy, 'a b', 'ünï 名前 🌲', 'empty'), { recursive: true })],
      ['nested', (copy) => rm(join(copy, 'link to top')).then(() => symlink('a b', join(copy, 'link to top')))],
      ['empty-folder', (copy) => writeFile(join(copy, 'new.txt'), '')],
    ];
    // Files under every flag; folders, slower to copy, under one flag of each kind.
    const folderFlags = FLAGS.filter((flags) =>
      ['', '--cid-version=1', '--chunker=rabin-4096', '--hash=blake3', '--wrap-with-directory', '--hidden'].includes(
        flags.join(' '),
      ),
    );
    for (const flags of FLAGS) {
      for (const [index, [name, change]] of changes.entries()) {
        if (!name.endsWith('.bin') && !folderFlags.includes(flags)) continue;
        const cid = await add(join(dir, name), flags);
        const copy = join(dir, `changed-${index}`, name);
        await cp(join(dir, name), copy, { recursive: true, verbatimSymlinks: true });
        await change(copy);
        const outcome = await verify(copy, cid);
        await rm(join(dir, `changed-${index}`), { recursive: true });
        if (outcome !== 'no-match') wrong.push(`${name} change ${index} ${flags.join(' ')}: ${outcome}`);
      }
    }
    // A wrapped file is named in its CID: under another name it is not that CID's.
    for (const flags of [['--wrap-with-directory'], ['--wrap-with-directory', '--hash=blake3']]) {
      const cid = await add(join(dir, 'one-byte.bin'), flags);
      await cp(join(dir, 'one-byte.bin'), join(dir, 'renamed.bin'));
      const outcome = await verify(join(dir, 'renamed.bin'), cid);
      await rm(join(dir, 'renamed.bin'));
      if (outcome !== 'no-match') wrong.push(`one-byte.bin renamed ${flags.join(' ')}: ${outcome}`);
    }
    // The sharded folder: one entry renamed, with settings Cairn tries and with a hash it does not.
    for (const flags of [[], ['--hash=blake3']]) {
      const cid = await add(join(dir, 'wide'), flags);
      const copy = join(dir, 'wide-changed');
      await cp(join(dir, 'wide'), copy, { recursive: true });
      await rename(join(copy, (await readdir(copy))[7] ?? ''), join(copy, 'renamed'));
      const outcome = await verify(copy, cid);
      await rm(copy, { recursive: true });
      if (outcome !== 'no-match') wrong.push(`wide renamed ${flags.join(' ')}: ${outcome}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("points at the entries that differ by the node's copy, whatever settings made it", async () => {
    for (const flags of [[], ['--hash=blake3', '--chunker=rabin-4096']]) {
      const cid = await add(join(dir, 'nested'), flags);
      const copy = join(dir, 'pointed', 'nested');
      await cp(join(dir, 'nested'), copy, { recursive: true, verbatimSymlinks: true });
      await flipLastByte(join(copy, 'a b', 'ünï 名前 🌲', 'deep file.txt'));
      await mkdir(join(copy, 'new folder'));
      await writeFile(join(copy, 'new folder', 'new.txt'), 'new\n');
      await rm(join(copy, 'top.txt'));
      const result = await verifyLocal({ kind: 'path', path: copy }, CID.parse(cid), undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
        node: createKuboClient({ url: node.apiUrl, headers: {} }),
      });
      await rm(join(dir, 'pointed'), { recursive: true });
      expect(result.outcome).toBe('no-match');
      if (result.outcome === 'match') continue;
      expect(result.differences?.map(({ path, kind }) => `${kind} ${path}`).sort(), flags.join(' ')).toEqual([
        'differs a b',
        'differs a b/ünï 名前 🌲',
        'differs a b/ünï 名前 🌲/deep file.txt',
        'extra new folder',
        'missing top.txt',
      ]);
    }
  });

  it('says it cannot tell, never no match, when nothing decides', async () => {
    // Bytes this node never saw, with the copy changed by a byte: neither can be told apart.
    const unseen = join(dir, 'unseen.bin');
    await writeFile(unseen, randomBytes(300 * KIB));
    for (const flags of [['--chunker=rabin-4096'], ['--chunker=size-3000']]) {
      const cid = await add(unseen, flags, true);
      expect(await verify(unseen, cid), flags.join(' ')).toBe('unknown');
      await flipLastByte(unseen);
      expect(await verify(unseen, cid), flags.join(' ')).toBe('unknown');
    }
    // A copy that keeps a modification time holds what Cairn does not compare.
    const mtime = await add(join(dir, 'one-chunk-plus-1.bin'), ['--preserve-mtime']);
    expect(await verify(join(dir, 'one-chunk-plus-1.bin'), mtime)).toBe('unknown');
    // A raw CID is its bytes' hash: that decides without the node, either way.
    const raw = await add(join(dir, 'one-byte.bin'), ['--cid-version=1', '--hash=blake2b-256'], true);
    expect(await verify(join(dir, 'one-byte.bin'), raw)).toBe('match');
    expect(await verify(join(dir, 'empty.bin'), raw)).toBe('no-match');
  });

  it('says what decided a match, and why it cannot tell, as it was', async () => {
    const judge = async (path: string, cid: string, withNode = true) => {
      const result = await verifyLocal({ kind: 'path', path }, CID.parse(cid), undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
        node: withNode ? createKuboClient({ url: node.apiUrl, headers: {} }) : null,
      });
      return result.outcome === 'match' ? `match by ${result.decidedBy}` : `${result.outcome} ${result.undecided}`;
    };
    const file = join(dir, 'one-chunk-plus-1.bin');
    const changed = join(dir, 'one-chunk-plus-1-changed.bin');
    await cp(file, changed);
    await flipLastByte(changed);
    const rabin = await add(file, ['--chunker=rabin-4096']);
    const unheld = await add(file, ['--chunker=size-3000'], true);
    const mtime = await add(file, ['--preserve-mtime']);
    const mode = await add(join(dir, 'one-byte.bin'), ['--preserve-mode', '--raw-leaves=false']);
    // Bytes this node never saw: their raw CID is their own hash, cut short as no import makes it.
    const unseen = join(dir, 'unseen-raw.bin');
    await writeFile(unseen, randomBytes(100));
    const raw = (await node.ipfs('block', 'put', '--mhtype=blake2b-256', '--mhlen=20', unseen)).trim();
    await node.ipfs('block', 'rm', raw);
    const verdicts = {
      profile: await judge(file, await add(file, [])),
      rabin: await judge(file, rabin),
      rawUnheld: await judge(unseen, raw),
      rawNoNode: await judge(unseen, raw, false),
      inline: await judge(join(dir, 'empty.bin'), 'bafkqaaa', false),
      unheld: await judge(file, unheld),
      noNode: await judge(file, rabin, false),
      mtime: await judge(file, mtime),
      mtimeChanged: await judge(changed, mtime),
      mode: await judge(join(dir, 'one-byte.bin'), mode),
      modeOther: await judge(join(dir, 'empty.bin'), mode),
    };
    await Promise.all([rm(changed), rm(unseen)]);
    expect(verdicts).toEqual({
      profile: 'match by settings',
      rabin: 'match by node-copy',
      rawUnheld: 'match by cid',
      rawNoNode: 'match by cid',
      // `ipfs add --cid-version=1 --hash=identity` of no bytes.
      inline: 'match by settings',
      unheld: 'unknown no-copy',
      noNode: 'unknown no-node',
      // A copy keeping a time or mode: the same bytes cannot tell (the metadata is not compared), other bytes can.
      mtime: 'unknown metadata',
      mtimeChanged: 'no-match null',
      mode: 'unknown metadata',
      modeOther: 'no-match null',
    });
  });

  it('matches a file that is itself the block of a CID of any codec, with the node or without it', async () => {
    // `ipfs block put` names the file's own bytes: its CID is their hash, whatever codec it declares.
    const file = join(dir, 'block.json');
    await writeFile(file, '{"a":1}');
    const other = join(dir, 'other.json');
    await writeFile(other, '{"a":2}');
    const verdicts: string[] = [];
    for (const codec of ['dag-cbor', 'dag-json', 'json', 'raw']) {
      const cid = (await node.ipfs('block', 'put', `--cid-codec=${codec}`, file)).trim();
      for (const withNode of [true, false]) {
        const nodeClient = withNode ? createKuboClient({ url: node.apiUrl, headers: {} }) : null;
        const verdict = async (path: string) =>
          (
            await verifyLocal({ kind: 'path', path }, CID.parse(cid), undefined, {
              signal: new AbortController().signal,
              progress: () => undefined,
              node: nodeClient,
            })
          ).outcome;
        verdicts.push(
          `${codec} ${withNode ? 'held' : 'no node'}: ${await verdict(file)}, other ${await verdict(other)}`,
        );
      }
    }
    expect(verdicts).toEqual(
      ['dag-cbor', 'dag-json', 'json', 'raw'].flatMap((codec) => [
        `${codec} held: match, other no-match`,
        `${codec} no node: match, other no-match`,
      ]),
    );
  });

  it('matches content imported from a CAR', async () => {
    const cid = await add(join(dir, 'two-levels.bin'), ['--chunker=rabin-1024-2048-8192', '--trickle'], true);
    // Made on another node and carried here as a CAR: this node only ever saw the blocks.
    const other = await startKubo();
    try {
      await other.ipfs('add', '-Q', '--chunker=rabin-1024-2048-8192', '--trickle', join(dir, 'two-levels.bin'));
      const parts: Uint8Array[] = [];
      for await (const part of other.client.dag.export(CID.parse(cid))) parts.push(part);
      await writeFile(join(dir, 'carried.car'), Buffer.concat(parts));
      await node.ipfs('dag', 'import', '--pin-roots=false', join(dir, 'carried.car'));
    } finally {
      await other.stop();
    }
    expect(await verify(join(dir, 'two-levels.bin'), cid)).toBe('match');
  });
});

async function flipLastByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  const at = bytes.length - 1;
  bytes.writeUInt8((bytes.readUInt8(at) ^ 0x01) & 0xff, at);
  await writeFile(path, bytes);
}
