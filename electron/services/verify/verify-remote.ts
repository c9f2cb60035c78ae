import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CID } from 'multiformats/cid';
import type { RemoteDetails, RemoteSource, RemoteVerification } from '../../../shared/ipc/contract';
import type { GatewayStyle } from '../../../shared/settings';
import { gatewayUrl } from '../../../shared/links/build-link';
import { LinkError } from '../../../shared/links/content-ref';
import { isLoopback } from '../../../shared/links/loopback';
import type { KuboClient } from '../kubo/kubo-client';
import { blocksFromGateway, blocksFromNode, carFromGateway } from './block-sources';
import { fileFromGateway } from './file-pieces';
import { IDENTITY, MissingBlock, RemoteFailure, walkVerified, type BlockSource, type WalkLimits } from './verify-dag';

export type ResolvedSource = { name: string; ref: RemoteSource } & (
  | { kind: 'node'; kubo: KuboClient }
  | {
      kind: 'gateway';
      url: string;
      style: GatewayStyle;
      /**
       * One CAR for the whole DAG (one request: kind to rate limits), raw blocks fetched a few ahead,
       * or a file's raw leaves cut from one GET of the file and its other blocks raw (the cheapest for Kubo).
       */
      transport: 'car' | 'blocks' | 'file';
    }
);

export interface VerifyRemoteOptions {
  signal: AbortSignal;
  progress(bytes: number, totalBytes: number | null): void;
  offline: boolean;
  idleTimeoutMs: number;
  /** A folder of main's choosing for the verified copy; null to check only. */
  saveIn: string | null;
  /** How far the walk may go (tests lower it). */
  limits?: WalkLimits;
}

/**
 * Fetches a CID from one source and checks every block against the DAG from the root. A copy is
 * written to a hidden temporary file and given its real name only once everything is verified, so
 * nothing unverified ever sits where the user would take it as checked.
 */
export async function verifyRemote(
  source: ResolvedSource,
  cid: CID,
  options: VerifyRemoteOptions,
): Promise<RemoteVerification> {
  const report = (
    outcome: RemoteVerification['outcome'],
    message: string,
    blocks = 0,
    bytes = 0,
  ): RemoteVerification => ({ source: source.name, ref: source.ref, outcome, message, blocks, bytes });
  if (source.kind === 'gateway' && options.offline && !isLoopback(new URL(source.url).hostname)) {
    return {
      ...report('skipped', 'Offline mode is on: Cairn contacts no gateway outside this machine.'),
      details: { skippedFor: 'offline' },
    };
  }
  if (source.kind === 'gateway') {
    const noLink = whyNoLink(cid, source);
    if (noLink) return { ...report('skipped', noLink), details: { skippedFor: 'no-link' } };
  }
  if (await heldInTheCid(cid, options.signal)) {
    // Whatever a source sent, or failed to, says nothing about it: its verdict must not be "verified".
    return {
      ...report('skipped', `The CID holds its content itself (identity hash): there is nothing to ask ${source.name}.`),
      details: { skippedFor: 'inline' },
    };
  }
  const copy = options.saveIn ? await openCopy(options.saveIn) : null;
  let blocks: BlockSource | null = null;
  let received = 0;
  let checked = 0;
  try {
    blocks = source.kind === 'node' ? blocksFromNode(source.kubo) : await fromGateway(source, cid, options);
    const walk = await walkVerified(
      cid,
      blocks,
      copy ? copy.write : null,
      (size) => {
        received += size;
        checked++;
        options.progress(received, null);
      },
      options.signal,
      options.limits,
    );
    const verified = withNotes(
      report(
        'verified',
        `${source.name} served ${walk.blocks} block${walk.blocks === 1 ? '' : 's'}, each matching its CID, up to the root.`,
        walk.blocks,
        walk.bytes,
      ),
      await blocks.notes?.(true),
    );
    if (walk.kind === 'symlink') {
      // A link's only content is its target: there is no file to save, and an empty one would lie.
      await copy?.discard();
      return {
        ...verified,
        message: `${verified.message} It is a symbolic link to ${walk.target ?? ''}: nothing was saved.`,
        details: { ...verified.details, symlinkTarget: walk.target ?? '' },
      };
    }
    if (!copy) return verified;
    if (walk.kind === 'folder') {
      await copy.discard();
      return {
        ...verified,
        message: `${verified.message} It is a folder: nothing was saved.`,
        details: { ...verified.details, folderNotSaved: true },
      };
    }
    return { ...verified, savedAs: await copy.keep(cid.toString()) };
  } catch (error) {
    await copy?.discard();
    // Whatever broke because of a cancel (a request aborted mid-body reads as a broken stream) was the cancel.
    if (options.signal.aborted) return report('cancelled', 'Cancelled.', checked, received);
    if (!(error instanceof RemoteFailure)) throw error;
    // Only a source saying it has nothing (not one that broke off) means it does not have the CID.
    if (error instanceof MissingBlock && checked === 0) {
      const localOnly = source.kind === 'node';
      const where = localOnly ? ' (it did not search the network)' : '';
      return { ...report('not-found', `${source.name} does not have this CID${where}.`), details: { localOnly } };
    }
    const failed = { ...report(error.outcome, error.message, checked, received), ...error.details };
    return withNotes(failed, await blocks?.notes?.(false));
  } finally {
    blocks?.close();
  }
}

/** A verdict with what its source said besides the blocks (a CAR's roots, what came after the content). */
function withNotes(verdict: RemoteVerification, notes: RemoteDetails | undefined): RemoteVerification {
  if (!notes || Object.keys(notes).length === 0) return verdict;
  return { ...verdict, details: { ...notes, ...verdict.details } };
}

/** Whether the whole DAG under `cid` is written inside the CIDs themselves (identity hashes): no block to fetch. */
async function heldInTheCid(cid: CID, signal: AbortSignal): Promise<boolean> {
  if (cid.multihash.code !== IDENTITY) return false;
  const nothing: BlockSource = { next: () => Promise.resolve(null), close: () => undefined };
  try {
    await walkVerified(cid, nothing, null, () => undefined, signal);
    return true;
  } catch (error) {
    // A block not inline, or content that is not UnixFS: the walk with the source says which, as for any CID.
    if (error instanceof RemoteFailure) return false;
    throw error;
  }
}

/** Why a gateway has no URL for this CID (too long for the subdomains it serves only), or null. */
function whyNoLink(cid: CID, gateway: { url: string; style: GatewayStyle }): string | null {
  try {
    gatewayUrl(cid, gateway);
    return null;
  } catch (error) {
    if (error instanceof LinkError) return error.message;
    throw error;
  }
}

function fromGateway(
  gateway: Extract<ResolvedSource, { kind: 'gateway' }>,
  cid: CID,
  { idleTimeoutMs, signal, limits }: VerifyRemoteOptions,
): Promise<BlockSource> | BlockSource {
  if (gateway.transport === 'car') {
    return carFromGateway(gateway, cid, { idleTimeoutMs, signal, maxBlocks: limits?.maxBlocks });
  }
  if (gateway.transport === 'file') return fileFromGateway(gateway, cid, { idleTimeoutMs, signal });
  return blocksFromGateway(gateway, { idleTimeoutMs, signal });
}

interface Copy {
  write: (parts: readonly Uint8Array[]) => Promise<void>;
  keep: (name: string) => Promise<string>;
  discard: () => Promise<void>;
}

async function openCopy(folder: string): Promise<Copy> {
  await mkdir(folder, { recursive: true });
  const partial = join(folder, `.partial-${randomUUID()}`);
  // A deep write buffer lets the disk work while the next blocks are fetched and checked.
  const stream = createWriteStream(partial, { flags: 'wx', highWaterMark: 16 * 1024 * 1024 });
  return {
    write: (parts) => writeWithBackpressure(stream, parts),
    async keep(name) {
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      const final = join(folder, name);
      await rename(partial, final);
      return final;
    },
    async discard() {
      // Ending (not destroying) is what reliably settles a file stream with writes still queued.
      if (!stream.destroyed && !stream.writableFinished) {
        await new Promise<void>((resolve) => stream.end(() => resolve()));
      }
      await rm(partial, { force: true });
    },
  };
}

/** A block's parts go out in one writev when the stream is idle, and are never joined here. */
function writeWithBackpressure(stream: WriteStream, parts: readonly Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once('error', onError);
    stream.cork();
    let flushed = true;
    for (const part of parts) flushed = stream.write(part);
    stream.uncork();
    const done = () => {
      stream.off('error', onError);
      resolve();
    };
    if (flushed) done();
    else stream.once('drain', done);
  });
}
