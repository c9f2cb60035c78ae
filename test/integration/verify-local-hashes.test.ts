import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLocal } from '../../electron/services/verify/verify-local';
import type { ImportSettings, LocalVerification } from '../../shared/ipc/contract';
import { RECOMPUTED_HASHES } from '../../shared/verify/hashes';
import { KUBO_CID_V1 } from '../../shared/verify/import-settings';
import { startKubo, type TestKubo } from '../harness/kubo';

// Every hash function `ipfs add --hash` takes that Cairn recomputes with but its default (blake2b of
// each length between 160 and 512 bits is one function: three stand for all; identity holds only
// tiny blocks, tried below). Kubo implies CIDv1 for each.
const hashes = RECOMPUTED_HASHES.filter(
  (hash) =>
    hash !== 'sha2-256' &&
    hash !== 'identity' &&
    (!hash.startsWith('blake2b-') || ['blake2b-160', 'blake2b-256', 'blake2b-512'].includes(hash)),
);

// Kubo's CID of the bytes on disk (`--only-hash`: no node holds it), recomputed by Cairn with no node.
describe('verifying a local file or folder added with another hash function, without a node', () => {
  let node: TestKubo;
  let dir: string;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-verify-hashes-'));
    // Three leaves and their parent, and a file of one leaf.
    await mkdir(join(dir, 'album'));
    await writeFile(join(dir, 'album', 'big.bin'), randomBytes(600_000));
    await writeFile(join(dir, 'album', 'small.txt'), 'small\n');
    await cp(join(dir, 'album'), join(dir, 'changed'), { recursive: true });
    await flipLastByte(join(dir, 'changed', 'big.bin'));
    await flipLastByte(join(dir, 'changed', 'small.txt'));
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const kuboCid = async (path: string, ...flags: string[]) =>
    (await node.ipfs('add', '--only-hash', '-Q', '-r', ...flags, join(dir, path))).trim();
  const verify = (path: string, cid: string, settings?: ImportSettings) =>
    verifyLocal({ kind: 'path', path: join(dir, path) }, CID.parse(cid), settings, {
      signal: new AbortController().signal,
      progress: () => undefined,
      node: null,
    });
  const said = (result: LocalVerification) =>
    result.outcome === 'match'
      ? `match by ${result.decidedBy}${result.matched ? ` with ${result.matched.settings.hash}` : ''}`
      : `${result.outcome} ${result.undecided}`;

  it.each(hashes)('matches a folder and a file added with --hash=%s, and not once a byte differs', async (hash) => {
    const folder = await kuboCid('album', `--hash=${hash}`);
    const file = await kuboCid('album/big.bin', `--hash=${hash}`);
    const small = await kuboCid('album/small.txt', `--hash=${hash}`);
    const verdicts = {
      folder: said(await verify('album', folder)),
      file: said(await verify('album/big.bin', file)),
      small: said(await verify('album/small.txt', small)),
      // With no node, only a CID that is the file's own hash decides against other bytes.
      folderChanged: said(await verify('changed', folder)),
      fileChanged: said(await verify('changed/big.bin', file)),
      smallChanged: said(await verify('changed/small.txt', small)),
    };
    expect(verdicts).toEqual({
      folder: `match by settings with ${hash}`,
      file: `match by settings with ${hash}`,
      small: `match by settings with ${hash}`,
      folderChanged: 'unknown no-node',
      fileChanged: 'unknown no-node',
      smallChanged: 'no-match null',
    });
  });

  it('hashes with a function computed in JavaScript on the hashing threads, the main thread left free', async () => {
    // 16 MiB of blake3: some 98% of the main thread's time while it hashed there.
    await writeFile(join(dir, 'large.bin'), randomBytes(16 * 1024 * 1024));
    const cid = await kuboCid('large.bin', '--hash=blake3');
    const before = performance.eventLoopUtilization();
    const result = await verifyLocal({ kind: 'path', path: join(dir, 'large.bin') }, CID.parse(cid), undefined, {
      signal: new AbortController().signal,
      progress: () => undefined,
      node: null,
      threadsFromBytes: 0,
    });
    const busy = performance.eventLoopUtilization(before).utilization;
    expect(said(result)).toBe('match by settings with blake3');
    expect(busy).toBeLessThan(0.6);
  });

  it('matches a folder added with other leaves, chunks and layouts', async () => {
    for (const flags of [['--raw-leaves=false'], ['--chunker=size-1048576', '--max-file-links=1024']]) {
      const folder = await kuboCid('album', '--hash=sha3-256', ...flags);
      expect(said(await verify('album', folder)), flags.join(' ')).toBe('match by settings with sha3-256');
    }
    // No profile is trickle: the user's settings say so.
    const trickle = await kuboCid('album', '--hash=sha3-256', '--trickle');
    const settings = { ...KUBO_CID_V1, hash: 'sha3-256', layout: 'trickle' } as const;
    expect(said(await verify('album', trickle, settings))).toBe('match by settings with sha3-256');
  });

  it('matches a file of two levels, whose links count the longer CIDs below them', async () => {
    // 600,000 bytes in 1 KiB leaves: 587 leaves, more than one node's 174 links.
    const cid = await kuboCid('album/big.bin', '--hash=sha2-512', '--chunker=size-1024');
    const settings = { ...KUBO_CID_V1, hash: 'sha2-512', chunker: { kind: 'size', size: 1024 } } as const;
    expect(said(await verify('album/big.bin', cid, settings))).toBe('match by settings with sha2-512');
  });

  it('shards a folder as Kubo does, counting the CIDs of its subfolders at their own length', async () => {
    // 2,300 subfolders, 57 bytes of name each: some 230 KiB of links with sha2-256 CIDs, by either
    // estimate, and past the 256 KiB from which Kubo shards a folder with sha2-512 ones.
    for (let i = 0; i < 2300; i++) {
      const sub = join(dir, 'many', `${String(i).padStart(5, '0')}-${'subfolder-'.repeat(5)}-`);
      await mkdir(sub, { recursive: true });
      await writeFile(join(sub, 'a'), `${i}`);
    }
    const sharded = await kuboCid('many', '--hash=sha2-512');
    expect(said(await verify('many', sharded))).toBe('match by settings with sha2-512');
  });

  it('matches a file and a folder whose bytes are inlined in an identity CID, only when the bytes are the same', async () => {
    // Kubo refuses identity digests over 128 bytes: only tiny blocks are added so.
    await mkdir(join(dir, 'tiny'));
    await writeFile(join(dir, 'tiny', 'a'), 'x');
    const folder = await kuboCid('tiny', '--hash=identity');
    const small = await kuboCid('album/small.txt', '--hash=identity');
    expect(said(await verify('tiny', folder))).toBe('match by settings with identity');
    expect(said(await verify('album/small.txt', small))).toBe('match by settings with identity');
    expect(said(await verify('changed/small.txt', small))).toBe('no-match null');
    await writeFile(join(dir, 'tiny', 'a'), 'y');
    expect(said(await verify('tiny', folder))).toBe('unknown no-node');
  });
});

async function flipLastByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  const at = bytes.length - 1;
  bytes.writeUInt8((bytes.readUInt8(at) ^ 0x01) & 0xff, at);
  await writeFile(path, bytes);
}
