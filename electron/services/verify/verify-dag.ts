import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import type { RemoteDetails, RemoteOutcome, RemoteVerification } from '../../../shared/ipc/contract';
import { digestOf, digestProblemOf } from '../digests';

const RAW = 0x55;
const DAG_PB = 0x70;
export const IDENTITY = 0x00;
const LOOKAHEAD = 16;
/** Blocks a walk may visit, repeats included: a 2 TiB file of 256 KiB leaves, with room to spare. */
const MAX_VISITS = 16 * 1024 * 1024;
/**
 * Distinct blocks a check-only walk remembers (about 85 bytes each: some 90 MB at most): a file of
 * 256 GiB in 256 KiB leaves, or a folder of a million files. Without it, content made of tiny blocks
 * grew the set to the visit bound, some 1.6 GB. Saving a copy remembers nothing, but from a CAR without
 * duplicates, whose source remembers what it sent (and is bounded alike).
 */
export const MAX_BLOCKS = 1024 * 1024;
/**
 * Links a walk holds still to visit. Depth first, they are the links not yet visited of each block on
 * the way down from the root: a real file holds a few hundred (a 1 GiB file is 1,024 leaves under one
 * unixfs-v1-2025 root; with unixfs-v0-2015, 4,096 leaves under nodes of 174 links, two levels deep),
 * a folder one per entry of each folder on the way (10,000 for a flat folder of 10,000 files; Kubo
 * shards a folder past 256 KiB of entries into nodes of 256). 262,144 is more than twice what a 4 MiB
 * block can link to by hash (some 110,000 links of 38 bytes), so only content built to grow the list
 * meets it: a chain of blocks each linking thousands of times. Some 110 bytes each: about 30 MB.
 */
const MAX_PENDING = 256 * 1024;
/** The most bytes a linked identity CID holds (Kubo's verifcid allows no more): a link stays small to keep. */
const MAX_IDENTITY_BYTES = 128;

/** How far one walk may go (tests lower them). */
export interface WalkLimits {
  /** Blocks visited, repeats included. */
  maxVisits?: number;
  /** Distinct blocks remembered as verified, when nothing is written. */
  maxBlocks?: number;
  /** Links held still to visit. */
  maxPending?: number;
}

/** A failure with what the user is told; thrown by sources and by the walk. */
export class RemoteFailure extends Error {
  constructor(
    readonly outcome: RemoteOutcome,
    message: string,
    /** What the verdict carries besides its message: the bad block, the wait a gateway asked for, parameters. */
    readonly details: Pick<RemoteVerification, 'block' | 'retryAfter' | 'details'> = {},
  ) {
    super(message);
  }
}

/** A block the source says it does not have, as opposed to one that broke off on the way. */
export class MissingBlock extends RemoteFailure {}

/**
 * A link still to visit. In the root file, `offset` is where its bytes start, and `size` is set for a
 * raw leaf: its length. Both come from its verified parent's block sizes, never from the bytes walked
 * so far, which leave out a repeat the walk skips.
 */
export interface Link {
  cid: CID;
  offset?: number;
  size?: number;
}

/**
 * A link as the walk holds it until its visit: its CID's bytes copied out as a latin1 string (some
 * 110 bytes in all, against 700 for a CID), so that it keeps nothing of the block that linked to it;
 * a CID decoded from a block is a view into that block's bytes.
 */
interface Pending {
  cid: string;
  offset?: number;
  size?: number;
}

/** Where a raw leaf's bytes sit in the root file: a source that reads the file itself cuts them there. */
export interface FilePiece {
  offset: number;
  size: number;
}

/** Where blocks come from: the next one in a CAR stream, one request per block, or the file's own bytes. */
export interface BlockSource {
  /**
   * The bytes offered for `expected` (unchecked), in the parts they arrived in (joining a 1 MiB block
   * is a copy of every byte), or null when the source has nothing more. `piece` is given for a raw
   * leaf of the root file.
   */
  next: (expected: CID, piece?: FilePiece) => Promise<Uint8Array[] | null>;
  /**
   * For a source that cuts raw leaves from the file's bytes: the leaf asked for alone, after its `piece`
   * did not match. Its bytes when they are not the size the parent declared (the file was cut where the
   * CID's own block sizes say, which its leaves do not keep: no fault of the source), else null.
   */
  alone?: (expected: CID, piece: FilePiece) => Promise<Uint8Array[] | null>;
  /** The next links the walk will visit, in order, for a source that can fetch ahead. */
  ahead?: (upcoming: Link[]) => void;
  /**
   * The source sends a block again each time the DAG links to it (a `dups=y` CAR): the walk reads
   * every repeat, rather than skipping one it verified, or the stream and the walk part ways.
   */
  repeats?: boolean;
  /**
   * What the source said besides the blocks, for the verdict's details: what a CAR's header names and,
   * once the walk is `walked` to its end, what came after the content.
   */
  notes?: (walked: boolean) => Promise<RemoteDetails>;
  close: () => void;
}

export interface DagWalk {
  /** Blocks verified: each distinct block once when nothing is written, unless the source repeats them. */
  blocks: number;
  /** File bytes reassembled (0 for a folder; a repeated block's once when nothing is written). */
  bytes: number;
  kind: 'file' | 'folder' | 'symlink';
  /** For a symlink: the path it points to, as its block says (never followed). */
  target?: string;
}

/**
 * Walks the DAG under `root` depth first, as a `dups=y` CAR is ordered, checking every block's hash
 * against the CID that links to it before reading anything from it. File bytes go to `write` in
 * order, each only after its block is verified; a folder's blocks are checked and nothing is written.
 * Memory holds the links still to visit (at most `maxPending`, each a copy of its CID) and, when
 * nothing is written, the CIDs verified (at most `maxBlocks` of them); never the blocks.
 */
export async function walkVerified(
  root: CID,
  source: BlockSource,
  write: ((parts: readonly Uint8Array[]) => Promise<void>) | null,
  onBlock: (bytes: number) => void,
  signal: AbortSignal,
  { maxVisits = MAX_VISITS, maxBlocks = MAX_BLOCKS, maxPending = MAX_PENDING }: WalkLimits = {},
): Promise<DagWalk> {
  const pending: Pending[] = [{ cid: held(root), offset: 0 }];
  const walk: DagWalk = { blocks: 0, bytes: 0, kind: 'file' };
  // Depth first, a block met again had all below it verified already: when nothing is written
  // (a check, or a folder) it need not be walked again, and a few blocks linked over and over
  // cannot make the walk endless. Written file bytes must come again, so visits are bounded too.
  const verified = new Set<string>();
  const remembering = () => (!write || walk.kind === 'folder') && !source.repeats;
  const hold = (link: Link) => {
    // A link to a block verified already leads nowhere new: it is not kept, however often it comes.
    if (remembering() && verified.has(blockKey(link.cid))) return;
    if (pending.length >= maxPending) {
      throw new RemoteFailure(
        'too-large',
        `The content has more than ${maxPending} links waiting to be checked at once, more than Cairn holds in one check.`,
        { details: { maxPending } },
      );
    }
    pending.push({ cid: held(link.cid), offset: link.offset, size: link.size });
  };
  let visits = 0;
  while (pending.length > 0) {
    if (signal.aborted) throw new RemoteFailure('cancelled', 'Cancelled.');
    const link = linkOf(pending.pop() as Pending);
    const { cid } = link;
    const key = blockKey(cid);
    if (remembering() && verified.has(key)) continue;
    if (remembering() && verified.size >= maxBlocks) throw tooManyBlocks(maxBlocks);
    if (++visits > maxVisits) {
      throw new RemoteFailure('too-large', `The content links to its blocks more than ${maxVisits} times in all.`, {
        details: { maxVisits },
      });
    }
    const piece =
      link.size === undefined || link.offset === undefined ? undefined : { offset: link.offset, size: link.size };
    const offered = cid.multihash.code === IDENTITY ? [cid.multihash.digest] : await source.next(cid, piece);
    if (offered === null) {
      throw new MissingBlock(
        'truncated',
        `The content ended after ${walk.blocks} verified block${walk.blocks === 1 ? '' : 's'}: block ${cid.toString()} never came.`,
      );
    }
    const bytes = await checkedBlock(cid, offered, piece, source);
    if (remembering()) verified.add(key);
    walk.blocks++;
    onBlock(sizeOf(bytes));
    const links: Link[] = [];
    const data = contentOf(link, bytes, links, walk, walk.blocks === 1);
    links.forEach(hold);
    // A block verified since its link was held is not visited again: fetched ahead, it would wait unclaimed.
    const upcoming = pending.slice(-LOOKAHEAD).reverse().map(linkOf);
    source.ahead?.(upcoming.filter((next) => !(remembering() && verified.has(blockKey(next.cid)))));
    if (data && walk.kind === 'file') {
      walk.bytes += sizeOf(data);
      if (write) await write(data);
    }
  }
  return walk;
}

/** The bytes of `cid`'s block, checked: those offered, or for a piece of the file that did not match, the leaf alone. */
async function checkedBlock(
  cid: CID,
  offered: Uint8Array[],
  piece: FilePiece | undefined,
  source: BlockSource,
): Promise<Uint8Array[]> {
  try {
    checkBlock(cid, offered);
    return offered;
  } catch (error) {
    const tampered = error instanceof RemoteFailure && error.outcome === 'tampered';
    const alone = piece && tampered ? await source.alone?.(cid, piece) : null;
    if (!alone) throw error;
    checkBlock(cid, alone);
    return alone;
  }
}

/** Content of more distinct blocks than a check (or a source) remembers. */
export function tooManyBlocks(maxBlocks: number): RemoteFailure {
  return new RemoteFailure(
    'too-large',
    `The content has more than ${maxBlocks} distinct blocks, more than Cairn remembers in one check.`,
    { details: { maxBlocks } },
  );
}

/** A CID's bytes copied out of the block they were read from. */
function held(cid: CID): string {
  return Buffer.from(cid.bytes).toString('latin1');
}

/** The link a held one stands for, its CID decoded from the copy. */
function linkOf({ cid, offset, size }: Pending): Link {
  return { cid: CID.decode(Buffer.from(cid, 'latin1')), offset, size };
}

/**
 * A verified dag-pb block read as UnixFS. Anyone can make a CID of bytes that are not: that is no
 * fault of the source, but content Cairn cannot check, and is said so (not thrown as a parse error).
 */
function decoded(cid: CID, parts: Uint8Array[]): { node: dagPb.PBNode; unixfs: UnixFS | null } {
  try {
    const node = dagPb.decode(parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts));
    return { node, unixfs: node.Data ? UnixFS.unmarshal(node.Data) : null };
  } catch (error) {
    throw new RemoteFailure(
      'unsupported',
      `Block ${cid.toString()} matches its CID but is not valid dag-pb with UnixFS data (${(error as Error).message}).`,
      { details: { notUnixfs: true } },
    );
  }
}

/** Names a block by its hash (its bytes), whatever the CID's version or codec. */
export function blockKey(cid: CID): string {
  return Buffer.from(cid.multihash.bytes).toString('base64');
}

/**
 * Fails unless `bytes` hash to `cid`'s digest (tampered), or when no bytes can be checked against it:
 * a hash function Cairn cannot compute, or a digest of a length the function cannot give or too
 * short to mean anything. That is the CID's doing, never the source's.
 */
export function checkBlock(cid: CID, bytes: readonly Uint8Array[]): void {
  const { code, size } = cid.multihash;
  const hashFunction = `0x${code.toString(16)}`;
  const problem = digestProblemOf(code, size);
  if (problem?.kind === 'too-long' || problem?.kind === 'too-short') {
    const bound = problem.kind === 'too-long' ? `at most ${problem.most}` : `at least ${problem.least}`;
    throw new RemoteFailure(
      'unsupported',
      `CID ${cid.toString()} declares a ${size}-byte digest of hash function ${hashFunction}, which must have ${bound}.`,
      { details: { hashFunction, digestBytes: size, digestProblem: problem.kind } },
    );
  }
  const received = digestOf(code, bytes, size);
  if (received === null) {
    throw new RemoteFailure('unsupported', `Cairn cannot check hash function ${hashFunction}.`, {
      details: { hashFunction },
    });
  }
  const expected = Buffer.from(cid.multihash.digest).toString('hex');
  if (received !== expected) {
    throw new RemoteFailure(
      'tampered',
      `Block ${cid.toString()} does not match its CID: its bytes hash to ${received}, the CID says ${expected}.`,
      { block: { cid: cid.toString(), expected, received } },
    );
  }
}

export function sizeOf(parts: readonly Uint8Array[]): number {
  let size = 0;
  for (const part of parts) size += part.byteLength;
  return size;
}

/** The file bytes a verified block holds, its links put in `links` last to first; notes a folder at the root. */
function contentOf(
  { cid, offset }: Link,
  parts: Uint8Array[],
  links: Link[],
  walk: DagWalk,
  atRoot: boolean,
): Uint8Array[] | null {
  if (cid.code === RAW) return parts;
  if (cid.code !== DAG_PB) {
    const codec = `0x${cid.code.toString(16)}`;
    throw new RemoteFailure('unsupported', `Cairn checks UnixFS content (dag-pb and raw), not codec ${codec}.`, {
      details: { codec },
    });
  }
  const { node, unixfs } = decoded(cid, parts);
  if (atRoot && (unixfs?.type === 'directory' || unixfs?.type === 'hamt-sharded-directory')) walk.kind = 'folder';
  if (atRoot && unixfs?.type === 'symlink') {
    walk.kind = 'symlink';
    walk.target = Buffer.from(unixfs.data ?? []).toString('utf8');
  }
  const data = unixfs?.type === 'file' || unixfs?.type === 'raw' ? unixfs.data : undefined;
  // In the root file, a block's own data comes first, then each link's bytes, as many as its block size
  // counts: a raw leaf's are exactly that many.
  const sizes = walk.kind === 'file' && unixfs?.type === 'file' ? unixfs.blockSizes.map(Number) : [];
  const starts = offsetsOf(offset, data?.byteLength ?? 0, sizes, node.Links.length);
  // Depth first: the first link is visited next, so links go on the stack last to first.
  for (let i = node.Links.length - 1; i >= 0; i--) {
    const link = CID.asCID(node.Links[i]?.Hash) as CID;
    if (link.multihash.code === IDENTITY && link.multihash.size > MAX_IDENTITY_BYTES) {
      throw new RemoteFailure(
        'unsupported',
        `Block ${cid.toString()} links to content of ${link.multihash.size} bytes held in its CID (identity hash), more than the ${MAX_IDENTITY_BYTES} Kubo allows.`,
        { details: { identityBytes: link.multihash.size } },
      );
    }
    const size = link.code === RAW ? sizes[i] : undefined;
    links.push({ cid: link, offset: starts[i], size });
  }
  return data ? [data] : null;
}

/** Where each of `links` links' bytes start in the file, or none when the block's sizes do not say. */
function offsetsOf(offset: number | undefined, ownBytes: number, sizes: number[], links: number): number[] {
  if (offset === undefined || sizes.length !== links) return [];
  const starts: number[] = [];
  let at = offset + ownBytes;
  for (const size of sizes) {
    starts.push(at);
    at += size;
  }
  return starts;
}
