import { createHash } from 'node:crypto';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import {
  importer,
  type DirectoryCandidate,
  type FileCandidate,
  type ImportCandidate,
  type ImporterOptions,
  type InProgressImportResult,
  type SymlinkCandidate,
} from 'ipfs-unixfs-importer';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { create as createDigest, type Digest } from 'multiformats/hashes/digest';
import { sha256 } from 'multiformats/hashes/sha2';
import type { ImportSettings } from '../../../shared/ipc/contract';

/** A file whose bytes are read in one piece (a small one): `whole` gives them, `content` streams the same. */
export interface WholeFileCandidate extends FileCandidate {
  path: string;
  size: number;
  whole: () => Promise<Uint8Array>;
  /** Its bytes' sha2-256, when it is hashed where it is read. */
  sha256?: () => Promise<Uint8Array>;
}

type Builder = NonNullable<ImporterOptions['dagBuilder']>;
type Blockstore = Parameters<Builder>[1];

/**
 * The importer's DAG builder for these settings, with files that fit in one leaf built here: their
 * CID is the hash of their one block, which the importer reaches through a chunker, a buffer
 * importer, a layout and two parallel batches per file (a 10,000-file folder spent about half its
 * main-thread time and most of its garbage in them). Anything else goes through the importer as
 * before. Null when the settings do not reduce a one-leaf file to that leaf (trickle, rabin). A leaf
 * is hashed with `hash`, the settings' hash function (sha2-256 unless given).
 */
export function wholeFileBuilder(
  settings: ImportSettings,
  options: ImporterOptions,
  hash: (block: Uint8Array) => Digest<number, number> | Promise<Digest<number, number>> = sha256Of,
): Builder | null {
  const { chunker } = settings;
  if (chunker.kind !== 'size' || settings.layout === 'trickle') return null;
  const oneEntry = { ...options, dagBuilder: undefined, treeBuilder: passThrough };
  const viaImporter = async (candidate: ImportCandidate, blockstore: Blockstore) => {
    for await (const entry of importer([candidate], blockstore, oneEntry)) return entry;
    throw new Error(`the importer made nothing of ${candidate.path ?? 'a file'}`);
  };
  return async function* (source, blockstore) {
    for await (const candidate of source) {
      if (!isWhole(candidate)) {
        yield () => viaImporter(candidate, blockstore);
        continue;
      }
      if (candidate.sha256 && settings.hash === 'sha2-256' && settings.rawLeaves && candidate.size <= chunker.size) {
        const cid = CID.createV1(raw.code, createDigest(sha256.code, await candidate.sha256()));
        yield () => Promise.resolve({ path: candidate.path, cid, size: BigInt(candidate.size) });
        continue;
      }
      const bytes = await candidate.whole();
      yield bytes.byteLength > chunker.size
        ? () => viaImporter({ path: candidate.path, content: bytes }, blockstore)
        : () => oneLeaf(candidate.path, bytes, settings, hash);
    }
  };
}

/** What the importer makes of a file of one leaf, reduced to that leaf (no mtime or mode). */
async function oneLeaf(
  path: string,
  bytes: Uint8Array,
  settings: ImportSettings,
  hash: (block: Uint8Array) => Digest<number, number> | Promise<Digest<number, number>>,
): Promise<InProgressImportResult> {
  if (settings.rawLeaves) {
    return { path, cid: CID.createV1(raw.code, await hash(bytes)), size: BigInt(bytes.byteLength) };
  }
  const unixfs = new UnixFS({ type: 'file', data: bytes });
  const block = dagPb.encode({ Data: unixfs.marshal(), Links: [] });
  const cid = CID.create(settings.cidVersion, dagPb.code, await hash(block));
  return { path, cid, unixfs, size: BigInt(block.byteLength) };
}

/** Synchronous, as the importer's own hashing is under Node: no promise per file. */
function sha256Of(bytes: Uint8Array): Digest<number, number> {
  return createDigest(sha256.code, createHash('sha256').update(bytes).digest());
}

function isWhole(candidate: FileCandidate | DirectoryCandidate | SymlinkCandidate): candidate is WholeFileCandidate {
  return 'whole' in candidate;
}

/** One entry's own result, without the folders its path names. */
async function* passThrough(source: AsyncIterable<InProgressImportResult>) {
  yield* source;
}
