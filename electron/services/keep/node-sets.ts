import type { KuboClient } from '../kubo/kubo-client';
import { refusedAs } from '../kubo/kubo-errors';
import { contentKey } from './content-key';

// What the node itself keeps, read in a few streamed calls, each answer a set of content keys
// (codec and multihash), so that any number of rows is answered without one call per row.

const WALK_TIMEOUT_MS = 10 * 60_000;
const BLOCK_TIMEOUT_MS = 30_000;

/** The DAG nodes a walk reached, and those it reached by a link but the node lacks. */
export interface Reached {
  keys: Set<string>;
  /** CIDs linked to from blocks the walk read, whose own blocks are not on the node. */
  missing: string[];
  /**
   * The nodes whose DAG lacks blocks (a missing node itself included), by content key, with how many
   * of the missing blocks are at any depth below them. Empty when nothing is missing.
   */
  incomplete: Map<string, number>;
}

export interface PinSets {
  /** Content key → the CID as pinned (CIDv0 or CIDv1). */
  recursive: Map<string, string>;
  direct: Map<string, string>;
  /**
   * Every pin as Kubo lists it, its type and CID: Kubo pins by CID, so one content may be pinned
   * as CIDv0 and as CIDv1, two pins under one key, each removed by its own CID.
   */
  listed: Set<string>;
}

/** A pin as `listed` holds it. */
export function listedPin(type: 'recursive' | 'direct', cid: string): string {
  return `${type} ${cid}`;
}

export async function readPinSets(kubo: KuboClient): Promise<PinSets> {
  const sets: PinSets = { recursive: new Map(), direct: new Map(), listed: new Set() };
  // Recursive and direct pins are read from the pin store alone; only what is inside them walks DAGs.
  for (const type of ['recursive', 'direct'] as const) {
    const params = { type, stream: 'true' };
    for await (const { Cid } of kubo.lines<{ Cid: string }>('pin/ls', params, { timeoutMs: WALK_TIMEOUT_MS })) {
      const key = contentKey(Cid);
      if (key) sets[type].set(key, Cid);
      sets.listed.add(listedPin(type, Cid));
    }
  }
  return sets;
}

/**
 * Every DAG node inside a recursive pin, as `pin ls --type=indirect` streams it: Kubo walks each
 * pinned DAG once, several blocks at a time, two to three times faster than `refs -r`. It leaves out
 * the nodes pinned themselves (see readPinnedDags). Where it stops at a missing block, the walk that
 * goes on past missing blocks answers instead.
 */
export async function readInPins(kubo: KuboClient, pins: PinSets): Promise<Reached> {
  const keys = new Set<string>();
  const params = { type: 'indirect', stream: 'true' };
  try {
    for await (const { Cid } of kubo.lines<{ Cid: string }>('pin/ls', params, { timeoutMs: WALK_TIMEOUT_MS })) {
      addKey(keys, Cid);
    }
  } catch (error) {
    refusedAs(null)(error);
    return readPinnedDags(kubo, pins);
  }
  return { keys, missing: [], incomplete: new Map() };
}

/**
 * Every DAG node the recursive pins reach, as Kubo's collector walks them, the ones pinned directly
 * included: a direct pin inside a recursive one is kept whole by it, though `pin ls` lists it as direct only.
 */
export async function readPinnedDags(kubo: KuboClient, pins: PinSets): Promise<Reached> {
  return readReachable(kubo, [...pins.recursive.values()]);
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

/** Every DAG node Files holds, from its root down: garbage collection keeps these too. */
export async function readFilesBlocks(kubo: KuboClient, root: string): Promise<Reached> {
  return readReachable(kubo, [root]);
}

/** One content's DAG, walked on demand for content that no pin and nothing in Files reaches. */
export async function readContentDag(kubo: KuboClient, cid: string): Promise<Reached> {
  return readReachable(kubo, [cid]);
}

/**
 * The roots and every node below them, by content key, in one `refs -r` where nothing is missing.
 * Pins and Files may hold content the node has only in part (imported by CID, or a block removed
 * since); Kubo's collector walks past a missing block and keeps the rest, so this walk does too,
 * where `refs -r` stops a root at its first missing block. Only then does it learn which nodes are
 * incomplete: those it had to go through one level at a time.
 */
async function readReachable(kubo: KuboClient, roots: string[]): Promise<Reached> {
  const keys = new Set<string>();
  const missing: string[] = [];
  if (roots.length === 0 || (await refsToTheEnd(kubo, roots, keys))) {
    for (const root of roots) addKey(keys, root);
    return { keys, missing, incomplete: new Map() };
  }
  /** Nodes whose whole DAG below was listed by one `refs -r` that reached its end, or that were walked already. */
  const whole = new Set<string>();
  /** The links of each node walked one level at a time, by content key. */
  const linked = new Map<string, string[]>();
  const lacking = new Set<string>();
  const walk = async (cid: string): Promise<void> => {
    const key = contentKey(cid);
    if (!key || whole.has(key)) return;
    if (await refsToTheEnd(kubo, [cid], keys)) {
      keys.add(key);
      whole.add(key);
      return;
    }
    // Some block below is missing: go one level down and walk each link on its own.
    const links = await linksOf(kubo, cid);
    whole.add(key);
    if (links === null) {
      missing.push(cid);
      lacking.add(key);
      return;
    }
    keys.add(key);
    linked.set(
      key,
      links.flatMap((link) => contentKey(link) ?? []),
    );
    for (const link of links) await walk(link);
  };
  for (const root of roots) await walk(root);
  return { keys, missing, incomplete: missingBelow(linked, lacking) };
}

/**
 * For each node walked one level at a time, and each missing one, how many distinct missing blocks
 * are in its DAG; those with none (a `refs -r` that failed for another reason) are left out. Only
 * the nodes above a missing block are visited: the rest of the DAG was found whole.
 */
function missingBelow(linked: Map<string, string[]>, lacking: Set<string>): Map<string, number> {
  const none = new Set<string>();
  const found = new Map<string, Set<string>>();
  const below = (key: string): Set<string> => {
    const known = found.get(key);
    if (known) return known;
    if (lacking.has(key)) return new Set([key]);
    const links = linked.get(key);
    if (!links) return none;
    const blocks = new Set<string>();
    for (const link of links) for (const block of below(link)) blocks.add(block);
    found.set(key, blocks);
    return blocks;
  };
  const counts = new Map<string, number>();
  for (const key of [...linked.keys(), ...lacking]) {
    const count = below(key).size;
    if (count > 0) counts.set(key, count);
  }
  return counts;
}

function addKey(keys: Set<string>, cid: string): void {
  const key = contentKey(cid);
  if (key) keys.add(key);
}

/**
 * Adds every node below the roots that `refs -r` lists; true when it reached the end without a
 * missing block. The roots go in the body: there may be a hundred thousand pins.
 */
async function refsToTheEnd(kubo: KuboClient, roots: string[], keys: Set<string>): Promise<boolean> {
  const params = { recursive: 'true', unique: 'true', offline: 'true' };
  const body = new FormData();
  body.append('file', new Blob([roots.join('\n')]), 'roots');
  try {
    for await (const line of kubo.lines<{ Ref: string; Err?: string }>('refs', params, {
      timeoutMs: WALK_TIMEOUT_MS,
      body,
    })) {
      if (line.Err) return false;
      addKey(keys, line.Ref);
    }
  } catch (error) {
    // Kubo refused (a block it lacks, offline); a node that does not answer fails the read.
    return refusedAs(false)(error);
  }
  return true;
}

/**
 * The CIDs one block links to (null when the node lacks it), as Kubo decodes them for its collector,
 * in any codec it knows: the block alone, read as dag-json (`refs` would fetch the linked blocks too).
 */
async function linksOf(kubo: KuboClient, cid: string): Promise<string[] | null> {
  const params = { arg: cid, offline: 'true', 'output-codec': 'dag-json' };
  const bytes = await kubo.bytes('dag/get', params, { timeoutMs: BLOCK_TIMEOUT_MS }).catch(refusedAs(null));
  if (bytes === null) return null;
  const links: string[] = [];
  collectLinks(JSON.parse(new TextDecoder().decode(bytes)), links);
  return links;
}

/** In dag-json, a link is a map whose one key is "/" and whose value is the CID's text. */
function collectLinks(value: unknown, links: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only?.[0] === '/' && typeof only[1] === 'string') {
    links.push(only[1]);
    return;
  }
  for (const [, inner] of entries) collectLinks(inner, links);
}
