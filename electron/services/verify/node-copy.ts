import * as dagPb from '@ipld/dag-pb';
import type { ImportCandidate, ImportContent } from 'ipfs-unixfs-importer';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import type { EntryDifference, Undecided as UndecidedWhy } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { blocksFromNode, MAX_BLOCK_BYTES } from './block-sources';
import { isHiddenPath, type LocalInput } from './local-source';
import { checkBlock, IDENTITY, RemoteFailure, walkVerified, type BlockSource } from './verify-dag';

const RAW = 0x55;
const DAG_PB = 0x70;

interface Entry {
  name: string;
  cid: CID;
}

/** What is on disk, by path under the input ('' for the input itself). */
interface OnDisk {
  /** Files, symlinks and empty folders. */
  entries: Map<string, ImportCandidate>;
  /** Every folder above an entry. */
  folders: Set<string>;
}

/** On disk, a file's bytes differ from the node's copy. */
class Differs extends Error {}

/**
 * What the node's copy decides: the same content or not (with the entries that differ, and whether
 * the node's blocks decided or the CID alone did), or nothing, and why.
 */
export type CopyVerdict =
  { same: boolean; differences: EntryDifference[]; byNode: boolean } | { same: null; why: UndecidedWhy };

/** More than this many differences are not listed: the verdict is made already. */
const MAX_DIFFERENCES = 200;

/**
 * Whatever settings made `cid`, the node's own copy of it (every block checked against its CID
 * before use; folders as the node lists them) says what it holds: names, symlinks and file bytes,
 * compared with what is on disk. This decides where recomputing cannot: a chunker, hash or layout
 * Cairn does not try. When the node lacks a block (or there is no node), nothing is decided.
 */
export async function compareWithNodeCopy(
  input: LocalInput,
  cid: CID,
  node: KuboClient | null,
  signal: AbortSignal,
  /** Bytes read from disk as they are compared. */
  onBytes: (count: number) => void,
): Promise<CopyVerdict> {
  const disk: OnDisk = { entries: new Map(), folders: new Set() };
  for await (const candidate of input.candidates({ hidden: true, signal, onBytes })) {
    const path = input.folder ? (candidate.path ?? '').slice(input.name.length + 1) : '';
    disk.entries.set(path, candidate);
    for (const folder of foldersAbove(path)) disk.folders.add(folder);
  }
  const copy = new NodeCopy(node, signal);
  try {
    const verdict = await compareCopy(copy, input, cid, disk);
    // The same bytes, names and links, but a mode or time in the CID that the disk was not compared by.
    if (verdict.same && copy.keepsMetadata) return { same: null, why: 'metadata' };
    return { ...verdict, byNode: copy.readNode };
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof Undecided) return { same: null, why: error.why };
    if (error instanceof RemoteFailure) return { same: null, why: node ? 'no-copy' : 'no-node' };
    throw error;
  }
}

async function compareCopy(
  copy: NodeCopy,
  input: LocalInput,
  cid: CID,
  disk: OnDisk,
): Promise<{ same: boolean; differences: EntryDifference[] }> {
  const root = await copy.kind(cid);
  const unwrapped = input.folder || root.kind !== 'folder' ? await copy.differences(cid, disk) : null;
  if (unwrapped?.length === 0 || root.kind !== 'folder') return { same: unwrapped?.length === 0, differences: [] };
  // `--wrap-with-directory`: the file or folder is the folder's one entry, under its own name.
  const links = await copy.list(cid);
  const only = links.length === 1 && links[0]?.name === input.name ? links[0] : null;
  const wrapped = only && (await copy.differences(only.cid, disk));
  const differences = wrapped ?? unwrapped ?? [];
  // The whole differing is the verdict itself, not an entry.
  return { same: wrapped?.length === 0, differences: differences.filter(({ path }) => path !== '') };
}

/** The node's copy cannot decide: there is no node, it lacks a block or cannot list a folder. */
class Undecided extends Error {
  constructor(
    readonly why: UndecidedWhy,
    message: string,
  ) {
    super(message);
  }
}

/** Enough differences listed. */
class Listed extends Error {}

class NodeCopy {
  /** Whether a dot entry is in the copy: dot files left out on disk count only if the copy has some. */
  private dotEntries = false;
  /** Whether a block of the copy keeps a mode or time (`--preserve-mode`, `--preserve-mtime`), which the disk is not compared by. */
  keepsMetadata = false;
  /** Whether the node's blocks or listings were read: otherwise the CID alone decided. */
  readNode = false;

  constructor(
    private readonly node: KuboClient | null,
    private readonly signal: AbortSignal,
  ) {}

  /** The entries that differ between the copy under `cid` and the disk, each folder above one too. */
  async differences(cid: CID, disk: OnDisk): Promise<EntryDifference[]> {
    const found: EntryDifference[] = [];
    const seen = new Set<string>();
    const differ = (difference: EntryDifference) => {
      found.push(difference);
      if (found.length >= MAX_DIFFERENCES) throw new Listed();
    };
    try {
      await this.compare(cid, '', disk, seen, differ);
      // An entry on disk the copy does not have; a dot entry counts only when the copy keeps dot entries.
      const extra = new Set<string>();
      for (const path of disk.entries.keys()) {
        if (seen.has(path) || (!this.dotEntries && isHiddenPath(path))) continue;
        // An entry in a folder the copy does not have is that folder's, said once.
        const outermost = [...foldersAbove(path), path].find((part) => !seen.has(part)) ?? path;
        if (!extra.has(outermost)) differ({ path: outermost, kind: 'extra' });
        extra.add(outermost);
      }
    } catch (error) {
      if (!(error instanceof Listed)) throw error;
    }
    // Each folder above a difference differs too.
    const listed = new Set(found.map(({ path }) => path));
    const above = new Set(found.flatMap(({ path }) => foldersAbove(path)).filter((path) => !listed.has(path)));
    return [...found, ...[...above].map((path) => ({ path, kind: 'differs' as const }))];
  }

  private async compare(
    cid: CID,
    path: string,
    disk: OnDisk,
    seen: Set<string>,
    differ: (difference: EntryDifference) => void,
  ): Promise<void> {
    seen.add(path);
    const expected = cid.toString();
    const here = disk.entries.get(path);
    // Missing on disk: decided without reading the copy's blocks below.
    if (here === undefined && !disk.folders.has(path) && path !== '') {
      differ({ path, kind: 'missing', expected });
      return;
    }
    const root = await this.kind(cid);
    const content = here && 'content' in here ? here.content : undefined;
    if (root.kind === 'symlink') {
      if ((here as { link?: string } | undefined)?.link !== root.target) differ({ path, kind: 'differs', expected });
      return;
    }
    if (root.kind === 'file') {
      if (!content || !(await this.sameBytes(cid, content))) differ({ path, kind: 'differs', expected });
      return;
    }
    if (root.kind === 'other') {
      // Content no import makes, unless the file is that very block (`ipfs block put`, any codec).
      if (!content || !(await ownBlock(cid, content))) differ({ path, kind: 'differs', expected });
      return;
    }
    // A folder: on disk, an empty one is its own entry; any other is the parent of its entries.
    if (here && (content || 'link' in here)) {
      differ({ path, kind: 'differs', expected });
      return;
    }
    for (const link of await this.list(cid)) await this.compare(link.cid, join(path, link.name), disk, seen, differ);
  }

  async kind(cid: CID): Promise<{ kind: 'file' | 'folder' | 'symlink' | 'other'; target?: string }> {
    if (cid.code === RAW) return { kind: 'file' };
    // No import makes another codec, nor a dag-pb block that is not UnixFS: no file or folder has it.
    if (cid.code !== DAG_PB) return { kind: 'other' };
    const { Data } = decodedOrEmpty(await this.block(cid));
    const unixfs = unixfsOf(Data);
    if (!unixfs) return { kind: 'other' };
    // `--preserve-mode` or `--preserve-mtime`: the copy keeps what Cairn does not compare; content still can be.
    if (Data && setsModeOrTime(Data)) this.keepsMetadata = true;
    if (unixfs.isDirectory()) return { kind: 'folder' };
    if (unixfs.type === 'symlink') return { kind: 'symlink', target: Buffer.from(unixfs.data ?? []).toString() };
    return { kind: 'file' };
  }

  private async block(cid: CID): Promise<Uint8Array> {
    if (cid.multihash.code === IDENTITY) return cid.multihash.digest;
    const parts = await this.nodeBlocks().next(cid);
    if (!parts) throw this.lacks(`block ${cid.toString()}`);
    checkBlock(cid, parts);
    return Buffer.concat(parts);
  }

  /** The node's blocks, as a walk reads them (none without a node). */
  private nodeBlocks(): BlockSource {
    const node = this.node;
    if (!node) return { next: () => Promise.resolve(null), close: () => undefined };
    const blocks = blocksFromNode(node);
    return {
      next: (cid) => {
        this.readNode = true;
        return blocks.next(cid);
      },
      close: () => blocks.close(),
    };
  }

  /** The copy cannot decide without `what`: no node answers, or the node lacks it. */
  private lacks(what: string): Undecided {
    return this.node
      ? new Undecided('no-copy', `The node does not have ${what}.`)
      : new Undecided('no-node', `No node answers for ${what}.`);
  }

  private async has(cid: CID): Promise<boolean> {
    if (!this.node) return false;
    return this.node.call('block/stat', { arg: cid.toString(), offline: 'true' }).then(
      () => true,
      () => false,
    );
  }

  /** A folder's entries, sharded or not, as the node lists them from its own blocks. */
  async list(cid: CID): Promise<Entry[]> {
    if (!this.node) throw this.lacks(`the listing of folder ${cid.toString()}`);
    this.readNode = true;
    const body = await this.node
      .call<{ Objects?: { Links?: { Name: string; Hash: string }[] }[] }>(
        'ls',
        { arg: cid.toString(), offline: 'true', size: 'false', 'resolve-type': 'false' },
        { timeoutMs: 30_000 },
      )
      .catch((error: unknown) => {
        throw new Undecided('no-copy', `The node cannot list folder ${cid.toString()}: ${(error as Error).message}`);
      });
    const links = (body.Objects?.[0]?.Links ?? []).map((link) => ({ name: link.Name, cid: CID.parse(link.Hash) }));
    if (links.some((link) => link.name.startsWith('.'))) this.dotEntries = true;
    return links;
  }

  /** The file's verified bytes from the node, against the bytes on disk, in order. */
  private async sameBytes(cid: CID, content: ImportContent): Promise<boolean> {
    // A raw CID is one block, the bytes themselves: they decide without the node.
    if (cid.code === RAW && !(await this.has(cid))) {
      const same = await ownBlock(cid, content);
      if (same === null) throw this.lacks(`${cid.toString()}, and the file is too big to be one block`);
      return same;
    }
    const disk = new DiskCursor(content);
    const source = this.nodeBlocks();
    try {
      await walkVerified(
        cid,
        source,
        (parts) => disk.expect(parts),
        () => undefined,
        this.signal,
      );
      return await disk.atEnd();
    } catch (error) {
      if (error instanceof Differs) return false;
      if (error instanceof RemoteFailure && error.outcome === 'truncated')
        throw this.lacks(`every block of ${cid.toString()}`);
      throw error;
    } finally {
      await disk.close();
    }
  }
}

/** Whether the bytes on disk are `cid`'s block itself, their hash its digest; null when too many to be one block. */
async function ownBlock(cid: CID, content: ImportContent): Promise<boolean | null> {
  const disk = new DiskCursor(content);
  const parts = await disk.all(MAX_BLOCK_BYTES).finally(() => disk.close());
  if (!parts) return null;
  try {
    checkBlock(cid, parts);
    return true;
  } catch (error) {
    if (error instanceof RemoteFailure && error.outcome === 'tampered') return false;
    throw error;
  }
}

/** Reads bytes on disk as far as the node's copy goes, and fails at the first that differs. */
class DiskCursor {
  private readonly chunks: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private current: Uint8Array = new Uint8Array(0);
  private at = 0;

  constructor(content: ImportContent) {
    const iterable = content instanceof Uint8Array ? [content] : content;
    this.chunks = Symbol.asyncIterator in iterable ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
  }

  async expect(parts: readonly Uint8Array[]): Promise<void> {
    for (const part of parts) {
      let done = 0;
      while (done < part.byteLength) {
        if (this.at === this.current.byteLength && !(await this.advance())) throw new Differs();
        const length = Math.min(part.byteLength - done, this.current.byteLength - this.at);
        const mine = this.current.subarray(this.at, this.at + length);
        if (Buffer.compare(mine, part.subarray(done, done + length)) !== 0) throw new Differs();
        done += length;
        this.at += length;
      }
    }
  }

  /** Stops reading (the file is closed), however far it went. */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }

  /** Every byte left, or null past `most`. */
  async all(most: number): Promise<Uint8Array[] | null> {
    const parts: Uint8Array[] = [];
    let size = 0;
    while (await this.advance()) {
      parts.push(this.current);
      size += this.current.byteLength;
      if (size > most) return null;
    }
    return parts;
  }

  async atEnd(): Promise<boolean> {
    while (this.at === this.current.byteLength) if (!(await this.advance())) return true;
    return false;
  }

  private async advance(): Promise<boolean> {
    const next = await this.chunks.next();
    if (next.done) return false;
    this.current = next.value;
    this.at = 0;
    return true;
  }
}

function decodedOrEmpty(block: Uint8Array): { Data?: Uint8Array } {
  try {
    return dagPb.decode(block);
  } catch {
    return {};
  }
}

function unixfsOf(data: Uint8Array | undefined): UnixFS | null {
  try {
    return data ? UnixFS.unmarshal(data) : null;
  } catch {
    return null;
  }
}

const MODE_FIELD = 7;
const MTIME_FIELD = 8;

/**
 * Whether a UnixFS message sets a mode or a time at all: ipfs-unixfs reads a mode of 0644 (0755 for
 * a folder) back as no mode, yet it is in the block and so in the CID.
 */
function setsModeOrTime(data: Uint8Array): boolean {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; at < data.length; shift += 7) {
      const byte = data[at++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    return value;
  };
  while (at < data.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    if (field === MODE_FIELD || field === MTIME_FIELD) return true;
    const wire = tag % 8;
    if (wire === 0) varint();
    else if (wire === 2) {
      const length = varint();
      at += length;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else return false;
  }
  return false;
}

/** `a`, `a/b` for `a/b/c`. */
function foldersAbove(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

function join(path: string, name: string): string {
  return path ? `${path}/${name}` : name;
}
