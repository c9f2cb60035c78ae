import type { KuboClient } from '../kubo/kubo-client';
import { contentKey } from './content-key';

// What the node itself keeps, read in a few streamed calls, each answer a set of content keys
// (multihashes), so that any number of rows is answered without one call per row.

const WALK_TIMEOUT_MS = 10 * 60_000;

export interface PinSets {
  /** Content key → the CID as pinned (CIDv0 or CIDv1). */
  recursive: Map<string, string>;
  direct: Map<string, string>;
}

export async function readPinSets(kubo: KuboClient): Promise<PinSets> {
  const sets: PinSets = { recursive: new Map(), direct: new Map() };
  // Recursive and direct pins are read from the pin store alone; only `indirect` walks DAGs.
  for (const type of ['recursive', 'direct'] as const) {
    const params = { type, stream: 'true' };
    for await (const { Cid } of kubo.lines<{ Cid: string }>('pin/ls', params, { timeoutMs: WALK_TIMEOUT_MS })) {
      const key = contentKey(Cid);
      if (key) sets[type].set(key, Cid);
    }
  }
  return sets;
}

/** Every block inside a recursive pin (Kubo walks each pinned DAG once). */
export async function readIndirect(kubo: KuboClient): Promise<Set<string>> {
  const keys = new Set<string>();
  const params = { type: 'indirect', stream: 'true' };
  for await (const { Cid } of kubo.lines<{ Cid: string }>('pin/ls', params, { timeoutMs: WALK_TIMEOUT_MS })) {
    const key = contentKey(Cid);
    if (key) keys.add(key);
  }
  return keys;
}

/**
 * The CID of the Files (MFS) root as it is now. Kubo first writes out every folder entry it holds in
 * memory: minutes after another program listed a 100,000-entry folder with `files ls -l`. Given up
 * after 15 s, it would go on in Kubo, and the next ask would wait behind it and do it all again.
 */
export async function readFilesRoot(kubo: KuboClient): Promise<string> {
  const params = { arg: '/', hash: 'true' };
  return (await kubo.call<{ Hash: string }>('files/stat', params, { timeoutMs: WALK_TIMEOUT_MS })).Hash;
}

export interface FilesBlocks {
  keys: Set<string>;
  /** False when a block Files refers to is not on the node, so the walk stopped before the end. */
  complete: boolean;
}

/**
 * Every block Files holds, from its root down: garbage collection keeps these too. Files may
 * hold content by reference that the node does not have; the walk then stops there, offline.
 */
export async function readFilesBlocks(kubo: KuboClient, root: string): Promise<FilesBlocks> {
  const keys = new Set<string>();
  const rootKey = contentKey(root);
  if (rootKey) keys.add(rootKey);
  const params = { arg: root, recursive: 'true', unique: 'true', offline: 'true' };
  try {
    for await (const line of kubo.lines<{ Ref: string; Err?: string }>('refs', params, {
      timeoutMs: WALK_TIMEOUT_MS,
    })) {
      if (line.Err) return { keys, complete: false };
      const key = contentKey(line.Ref);
      if (key) keys.add(key);
    }
  } catch {
    return { keys, complete: false };
  }
  return { keys, complete: true };
}
