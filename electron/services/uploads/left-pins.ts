import type { UploadItem } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import type { Logger } from '../log';
import { walk } from '../walk';
import { carRoots } from './car-roots';
import { hashWithProfile } from './import-route';
import type { StoredSource } from './run-upload';

/** Pin listings and removals walk no DAG, but a node with many pins answers slowly. */
const PIN_TIMEOUT_MS = 10 * 60_000;

export interface LeftPinCheck {
  kubo: KuboClient;
  log: Logger;
  /** Whether another upload still needs this content pinned (it landed it, links it, or may still pin it). */
  neededElsewhere(cid: string): boolean;
}

/**
 * Kubo pins an upload's content during `add`, named after the file, before Cairn learns its CID
 * (a CAR's roots are pinned under that name after its import): an upload that never landed may
 * leave that pin with nothing pointing at it. Once its row is cleared, such a pin is removed unless
 * Files or another upload holds that content. The CIDs are a CAR's roots, or the one the row kept
 * (`linking`), or, for a stop before it was saved, hashed again from the source.
 * Only a pin carrying the upload's name is touched: any other is the user's. So is one the node had
 * before the add, which gave it the upload's name (`pinnedBefore`, where Cairn had read the pins).
 */
export async function removeLeftPins(item: UploadItem, source: StoredSource, check: LeftPinCheck): Promise<void> {
  if (!mayHaveLeftPin(item) || source.kind !== 'path') return;
  const { kubo, log } = check;
  const named = await pinsNamed(kubo, item.name);
  // The common case for a failed row: its add never pinned anything, and nothing is hashed again.
  if (named.size === 0) return;
  const cids = await contentCids(kubo, item, source.path).catch((error: unknown) => {
    log.info(
      `Left the pin named ${item.name}: its source cannot be read again. ${error instanceof Error ? error.message : String(error)}`,
    );
    return [];
  });
  if (cids.length === 0) return;
  for (const cid of cids.filter((cid) => named.has(cid) && item.pinnedBefore?.includes(cid)))
    log.info(`Left the pin ${cid}: the node had it before the upload of ${item.name}, whose add renamed it.`);
  const left = cids.filter((cid) => named.has(cid) && !check.neededElsewhere(cid) && !item.pinnedBefore?.includes(cid));
  if (left.length === 0) {
    if (!item.linking?.length)
      log.info(
        `Left the pin named ${item.name}: it is not the content ${source.path} gives now (the file may have changed).`,
      );
    return;
  }
  const inFolder = await folderCids(kubo, item.folder);
  for (const cid of left) {
    if (inFolder.has(cid)) continue;
    await kubo.call('pin/rm', { arg: cid, recursive: 'true' }, { timeoutMs: PIN_TIMEOUT_MS });
    log.info(`Removed the pin ${cid} named ${item.name}, left by an upload that did not land.`);
  }
}

/** Uploads whose `add` or CAR import pinned their content under their name and which did not land. */
function mayHaveLeftPin(item: UploadItem): boolean {
  return item.options.pin && item.kind !== 'content' && item.result === undefined;
}

/**
 * The CIDs the upload pinned: a CAR's roots, from its header (all of them, where `linking` has
 * only those placed so far); otherwise the ones the row kept, or its source hashed again.
 */
async function contentCids(kubo: KuboClient, item: UploadItem, path: string): Promise<string[]> {
  if (item.kind === 'car') return carRoots(path);
  if (item.linking?.length) return item.linking;
  return [await hashAgain(kubo, item, path)];
}

async function pinsNamed(kubo: KuboClient, name: string): Promise<Set<string>> {
  const found = new Set<string>();
  const pins = kubo.lines<{ Cid: string; Name?: string }>(
    'pin/ls',
    { type: 'recursive', names: 'true', name, stream: 'true' },
    { timeoutMs: PIN_TIMEOUT_MS },
  );
  // Kubo matches the name anywhere in a pin's name.
  for await (const { Cid, Name } of pins) if (Name === name) found.add(Cid);
  return found;
}

/** The CID the upload's add gave, from its source read again with the upload's options. */
async function hashAgain(kubo: KuboClient, item: UploadItem, path: string): Promise<string> {
  const { hidden, symlinks, profile } = item.options;
  const signal = new AbortController().signal;
  const tree = await walk(path, { hidden, symlinks, signal });
  return hashWithProfile(kubo, tree.entries, { profile, signal });
}

/** What the upload's Files folder links, under any name (a retry's copy may be "name (2)"). */
async function folderCids(kubo: KuboClient, folder: string): Promise<Set<string>> {
  const listed = await kubo
    .call<{ Entries: { Hash: string }[] | null }>('files/ls', { arg: folder, long: 'true' })
    .catch((error: unknown) => {
      if (error instanceof Error && /does not exist/.test(error.message)) return { Entries: [] };
      throw error;
    });
  return new Set((listed.Entries ?? []).map(({ Hash }) => Hash));
}
