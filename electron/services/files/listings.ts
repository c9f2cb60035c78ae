import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ListingPage, MfsEntry } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { folderLinks } from './folder-links';
import { statPath } from './mfs';

/**
 * Small, so the first rows are on screen at once; later pages are large, because the renderer
 * sorts the whole list again for each page (20 pages of 5,000 made 100,000 entries take 15 s).
 */
const FIRST_PAGE = 200;
const PAGE = 25_000;
/** A later page waits this long for a full page before it goes with what it has. */
const GATHER_MS = 400;
/** A listing nobody asks for again within this time is dropped and its stream closed. */
const IDLE_MS = 60_000;
const STREAM_TIMEOUT_MS = 30 * 60_000;

interface Listing {
  entries: MfsEntry[];
  sent: number;
  done: boolean;
  error: AppError | null;
  cid: string;
  wake: () => void;
  changed: Promise<void>;
  stop: AbortController;
  idle: NodeJS.Timeout;
}

export interface Listings {
  /** Lists an MFS folder: resolves with the first entries as soon as the node gives them. */
  start(kubo: KuboClient, folder: string): Promise<ListingPage>;
  /** The entries that arrived since the last page; `done` on the last one. */
  more(listingId: string): Promise<ListingPage>;
  dispose(): void;
}

/**
 * Folder listings streamed from the node, handed out in pages. `ls --stream` on the folder's CID
 * gives entries as it walks a sharded (HAMT) folder, where `files/ls` answers only once it has all
 * of them; a 100,000-entry folder shows its first rows long before the last arrive.
 */
export function createListings(): Listings {
  const listings = new Map<string, Listing>();

  function drop(id: string): void {
    const listing = listings.get(id);
    if (!listing) return;
    listings.delete(id);
    clearTimeout(listing.idle);
    listing.stop.abort();
  }

  async function page(id: string, listing: Listing, size: number, gather: boolean): Promise<ListingPage> {
    clearTimeout(listing.idle);
    const deadline = Date.now() + GATHER_MS;
    while (!listing.done && listing.entries.length - listing.sent < size) {
      const waited = listing.changed;
      if (!gather || listing.entries.length === listing.sent) await waited;
      else if (Date.now() >= deadline) break;
      else await Promise.race([waited, delay(deadline - Date.now())]);
    }
    if (listing.error) {
      drop(id);
      throw listing.error;
    }
    const entries = listing.entries.slice(listing.sent, listing.sent + size);
    listing.sent += entries.length;
    const done = listing.done && listing.sent === listing.entries.length;
    if (done) drop(id);
    else listing.idle = setTimeout(() => drop(id), IDLE_MS);
    return { listingId: id, cid: listing.cid, entries, done };
  }

  return {
    async start(kubo, folder) {
      const stat = await statPath(kubo, folder);
      if (stat.type !== 'folder') throw new AppError('VALIDATION', `${folder} is a file, not a folder.`, { folder });
      const id = randomBytes(12).toString('base64url');
      const listing = newListing(stat.cid, () => drop(id));
      listings.set(id, listing);
      void stream(kubo, listing);
      return page(id, listing, FIRST_PAGE, false);
    },
    async more(listingId) {
      const listing = listings.get(listingId);
      if (!listing) {
        throw new AppError('NOT_FOUND', 'This listing has ended or expired; open the folder again.', { listingId });
      }
      return page(listingId, listing, PAGE, true);
    },
    dispose() {
      for (const id of [...listings.keys()]) drop(id);
    },
  };
}

function newListing(cid: string, onIdle: () => void): Listing {
  const listing = {
    entries: [],
    sent: 0,
    done: false,
    error: null,
    cid,
    stop: new AbortController(),
    idle: setTimeout(onIdle, IDLE_MS),
  } as unknown as Listing;
  const arm = () => {
    listing.changed = new Promise<void>((resolve) => {
      listing.wake = () => {
        arm();
        resolve();
      };
    });
  };
  arm();
  return listing;
}

/** Reads `ls --stream` into the listing, waking whoever waits on each batch of lines. */
async function stream(kubo: KuboClient, listing: Listing): Promise<void> {
  try {
    let count = 0;
    for await (const entry of folderLinks(kubo, listing.cid, {
      timeoutMs: STREAM_TIMEOUT_MS,
      signal: listing.stop.signal,
    })) {
      listing.entries.push(entry);
      if (++count % 50 === 0) listing.wake();
    }
  } catch (error) {
    if (!listing.stop.signal.aborted) {
      listing.error =
        error instanceof AppError
          ? error
          : new AppError('NODE_ERROR', `The node stopped listing the folder: ${String(error)}`);
    }
  } finally {
    listing.done = true;
    listing.wake();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
