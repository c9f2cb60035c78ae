import type { NodeKeep } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { refusedAs } from '../kubo/kubo-errors';
import { blockKey, isInlineKey, isRawKey } from './content-key';
import type { PinSets, Reached } from './node-sets';

const REFS_TIMEOUT_MS = 30_000;

/**
 * The blocks that garbage collection keeps, by multihash alone: Kubo stores one block for every
 * codec of a hash, and keeps it whichever codec a pin or Files reached it by.
 */
export interface KeptBlocks {
  /** Recursive pins and every node inside them. */
  inPins: Set<string>;
  direct: Set<string>;
  files: Set<string>;
  /**
   * Blocks the recursive pins link to that the node lacks: while there is one, Kubo's collector
   * cannot tell what the pins keep, and stops without removing anything.
   */
  missingUnderPins: string[];
}

export function keptBlocks(pins: PinSets, inPins: Reached, files: Set<string>): KeptBlocks {
  const blocksOf = (keys: Iterable<string>) => new Set(Array.from(keys, blockKey));
  const pinned = blocksOf(inPins.keys);
  for (const key of pins.recursive.keys()) pinned.add(blockKey(key));
  return {
    inPins: pinned,
    direct: blocksOf(pins.direct.keys()),
    files: blocksOf(files),
    missingUnderPins: inPins.missing,
  };
}

/**
 * What keeps content that no pin and nothing in Files reaches by its own codec. Its block may still
 * be kept, reached under another codec of the same hash: a raw CID pinned over a folder's hash keeps
 * the folder's top block, not what the folder holds. All of the content is kept only when it links to
 * nothing; otherwise a pin or Files keeps "this block only", and what it links to goes.
 * Content inside its own CID (an identity hash) is never stored, so never removed.
 */
export async function keptAsBlock(kubo: KuboClient, cid: string, key: string, blocks: KeptBlocks): Promise<NodeKeep> {
  const block = blockKey(key);
  const keeper = blocks.inPins.has(block)
    ? 'indirect'
    : blocks.files.has(block)
      ? 'files'
      : blocks.direct.has(block)
        ? 'direct'
        : isInlineKey(key)
          ? 'inline'
          : null;
  if (keeper === null || (await linksNothing(kubo, cid, key))) return keeper;
  if (keeper === 'files') return 'filesBlock';
  return keeper === 'indirect' || keeper === 'direct' ? 'direct' : null;
}

/** A raw block links to nothing; any other codec is asked of Kubo (a block it lacks or cannot read counts as links). */
async function linksNothing(kubo: KuboClient, cid: string, key: string): Promise<boolean> {
  if (isRawKey(key)) return true;
  try {
    for await (const _link of kubo.lines('refs', { arg: cid, offline: 'true' }, { timeoutMs: REFS_TIMEOUT_MS })) {
      return false;
    }
    return true;
  } catch (error) {
    return refusedAs(false)(error);
  }
}
