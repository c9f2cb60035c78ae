import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import type { RemoteOutcome, RemoteVerification } from '../../../shared/ipc/contract';
import { digestOf } from '../digests';

const RAW = 0x55;
const DAG_PB = 0x70;
const IDENTITY = 0x00;
const LOOKAHEAD = 16;

/** A failure with what the user is told; thrown by sources and by the walk. */
export class RemoteFailure extends Error {
  constructor(
    readonly outcome: RemoteOutcome,
    message: string,
    /** What the verdict carries besides its message: the bad block, or the wait a gateway asked for. */
    readonly details: Pick<RemoteVerification, 'block' | 'retryAfter'> = {},
  ) {
    super(message);
  }
}

/** Where blocks come from: the next one in a CAR stream, or one request per block. */
export interface BlockSource {
  /**
   * The bytes offered for `expected` (unchecked), in the parts they arrived in (joining a 1 MiB block
   * is a copy of every byte), or null when the source has nothing more.
   */
  next: (expected: CID) => Promise<Uint8Array[] | null>;
  /** The next blocks the walk will ask for, in order, for a source that can fetch ahead. */
  ahead?: (upcoming: CID[]) => void;
  close: () => void;
}

export interface DagWalk {
  blocks: number;
  /** File bytes reassembled (0 for a folder). */
  bytes: number;
  kind: 'file' | 'folder';
}

/**
 * Walks the DAG under `root` depth first, as a `dups=y` CAR is ordered, checking every block's hash
 * against the CID that links to it before reading anything from it. File bytes go to `write` in
 * order, each only after its block is verified; a folder's blocks are checked and nothing is written.
 * Memory holds the links still to visit, not the blocks.
 */
export async function walkVerified(
  root: CID,
  source: BlockSource,
  write: ((parts: readonly Uint8Array[]) => Promise<void>) | null,
  onBlock: (bytes: number) => void,
  signal: AbortSignal,
): Promise<DagWalk> {
  const pending: CID[] = [root];
  const walk: DagWalk = { blocks: 0, bytes: 0, kind: 'file' };
  while (pending.length > 0) {
    if (signal.aborted) throw new RemoteFailure('cancelled', 'Cancelled.');
    const cid = pending.pop() as CID;
    const bytes = cid.multihash.code === IDENTITY ? [cid.multihash.digest] : await source.next(cid);
    if (bytes === null) {
      throw new RemoteFailure(
        'truncated',
        `The content ended after ${walk.blocks} verified block${walk.blocks === 1 ? '' : 's'}: block ${cid.toString()} never came.`,
      );
    }
    const received = digestOf(cid.multihash.code, bytes);
    if (received === null) {
      throw new RemoteFailure('unsupported', `Cairn cannot check hash function 0x${cid.multihash.code.toString(16)}.`);
    }
    const expected = Buffer.from(cid.multihash.digest).toString('hex');
    if (received !== expected) {
      throw new RemoteFailure(
        'tampered',
        `Block ${cid.toString()} does not match its CID: its bytes hash to ${received}, the CID says ${expected}.`,
        { block: { cid: cid.toString(), expected, received } },
      );
    }
    walk.blocks++;
    onBlock(sizeOf(bytes));
    const data = contentOf(cid, bytes, pending, walk.blocks === 1 ? walk : null);
    source.ahead?.(pending.slice(-LOOKAHEAD).reverse());
    if (data && walk.kind === 'file') {
      walk.bytes += sizeOf(data);
      if (write) await write(data);
    }
  }
  return walk;
}

function sizeOf(parts: readonly Uint8Array[]): number {
  let size = 0;
  for (const part of parts) size += part.byteLength;
  return size;
}

/** The file bytes a verified block holds, its links queued in order; notes a folder at the root. */
function contentOf(cid: CID, parts: Uint8Array[], pending: CID[], root: DagWalk | null): Uint8Array[] | null {
  if (cid.code === RAW) return parts;
  if (cid.code !== DAG_PB) {
    throw new RemoteFailure(
      'unsupported',
      `Cairn checks UnixFS content (dag-pb and raw), not codec 0x${cid.code.toString(16)}.`,
    );
  }
  const node = dagPb.decode(parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts));
  // Depth first: the first link is visited next, so links go on the stack last to first.
  for (let i = node.Links.length - 1; i >= 0; i--) pending.push(CID.asCID(node.Links[i]?.Hash) as CID);
  if (!node.Data) return null;
  const unixfs = UnixFS.unmarshal(node.Data);
  if (root && (unixfs.type === 'directory' || unixfs.type === 'hamt-sharded-directory')) root.kind = 'folder';
  const data = unixfs.type === 'file' || unixfs.type === 'raw' ? unixfs.data : undefined;
  return data ? [data] : null;
}
