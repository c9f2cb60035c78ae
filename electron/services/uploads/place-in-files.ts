import { AppError } from '../../../shared/errors';
import type { UploadNote } from '../../../shared/ipc/contract';
import { joinPath, pathSegments } from '../../../shared/mfs-path';
import { statPath } from '../files/mfs';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal } from '../kubo/kubo-errors';

export interface Placed {
  /** Where the content now is in Files. */
  path: string;
  /** The same content was already at that name: nothing was copied. */
  duplicate: boolean;
  notes: UploadNote[];
}

/** Names tried before giving up: "photo.jpg", "photo (2).jpg" ... "photo (100).jpg". */
const MAX_SUFFIX = 100;
/**
 * Links copied between two flushes of a folder, at most: Kubo refuses MFS changes past 256
 * unflushed ones (Internal.MFSNoFlushLimit), and another client may be making some too.
 */
const MAX_BATCH = 100;
/** Kubo's refusal once too many changes wait for a flush. */
const TOO_MANY_UNFLUSHED = /unflushed MFS operations/;
/** Kubo's `files cp` onto a name its folder already holds (boxo's mfs ErrDirExists). */
const NAME_TAKEN = /directory already has entry by that name/;

/**
 * Links added content into Files folders. Kubo serializes a whole sharded folder at every flush,
 * so a flush for each link made each upload of a drop of ten thousand files cost more than the
 * last: links are copied without a flush, and one flush of the folder then persists every link
 * copied since. An upload is placed only once that flush is done, so a node killed meanwhile loses
 * no upload said to be in Files. Uploads that finish their add while a flush runs are linked by
 * the next one together.
 */
export interface FolderPlacer {
  /**
   * Links `cid` into `folder` under `name` (see linkUnder). A cancelled upload that is still
   * waiting for its turn is not linked.
   */
  place(kubo: KuboClient, cid: string, folder: string, name: string, how?: PlaceOptions): Promise<Placed>;
}

export interface PlaceOptions {
  signal?: AbortSignal;
  /** The same content at that name is the upload's own (an interrupted attempt linked it), not a duplicate. */
  own?: boolean;
}

interface Request extends PlaceOptions {
  cid: string;
  name: string;
  resolve(placed: Placed): void;
  reject(error: unknown): void;
}

interface Folder {
  kubo: KuboClient;
  path: string;
  waiting: Request[];
}

export function folderPlacer(): FolderPlacer {
  /** The folders being placed into now, by node and path: each one's requests wait for its current batch. */
  const folders = new Map<string, Folder>();

  async function drain(key: string, folder: Folder): Promise<void> {
    while (folder.waiting.length > 0) {
      const batch = folder.waiting.splice(0, MAX_BATCH);
      await placeBatch(folder.kubo, folder.path, batch);
    }
    folders.delete(key);
  }

  return {
    place(kubo, cid, path, name, how = {}) {
      return new Promise<Placed>((resolve, reject) => {
        const key = `${kubo.url}\n${path}`;
        let folder = folders.get(key);
        const request = { ...how, cid, name, resolve, reject };
        if (folder) {
          folder.waiting.push(request);
          return;
        }
        folder = { kubo, path, waiting: [request] };
        folders.set(key, folder);
        void drain(key, folder);
      });
    },
  };
}

/** Copies each link without a flush, then flushes the folder once; a flush that fails fails every link it held. */
async function placeBatch(kubo: KuboClient, folder: string, batch: Request[]): Promise<void> {
  const placed: { request: Request; placed: Placed }[] = [];
  try {
    await unflushed(kubo, () => kubo.call('files/mkdir', { arg: folder, parents: 'true', flush: 'false' }));
  } catch (error) {
    const why = (await fileInTheWay(kubo, folder).catch(() => null)) ?? error;
    for (const request of batch) request.reject(why);
    return;
  }
  for (const request of batch) {
    if (request.signal?.aborted) {
      request.reject(request.signal.reason);
      continue;
    }
    try {
      placed.push({ request, placed: await linkUnder(kubo, request, folder) });
    } catch (error) {
      request.reject(error);
    }
  }
  if (placed.length === 0) return;
  try {
    await kubo.call('files/flush', { arg: folder });
  } catch (error) {
    for (const { request } of placed) request.reject(error);
    return;
  }
  for (const { request, placed: where } of placed) request.resolve(where);
}

/**
 * The file standing at the upload's folder or above it (the folder was deleted in Files and a file
 * given its name meanwhile), said as such: Kubo's refusal of the mkdir only says "file already
 * exists" or "was not a directory", naming nothing. Null when every part is a folder or missing.
 */
async function fileInTheWay(kubo: KuboClient, folder: string): Promise<AppError | null> {
  for (const { path } of pathSegments(folder)) {
    const found = await statPath(kubo, path).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    if (!found) return null;
    if (found.type !== 'folder')
      return new AppError('VALIDATION', `${path} is a file, not a folder.`, { path, problem: 'not-a-folder' });
  }
  return null;
}

/**
 * Links added content into a Files folder under its name. The same content already at that name is
 * reported (unless it is the upload's own), not copied again; other content under that name is kept
 * and the new one gets a free name such as "report (2).pdf", as file managers do.
 */
async function linkUnder(
  kubo: KuboClient,
  { cid, name, own }: Pick<Request, 'cid' | 'name' | 'own'>,
  folder: string,
): Promise<Placed> {
  for (let attempt = 1; attempt <= MAX_SUFFIX; attempt++) {
    const candidate = attempt === 1 ? name : numbered(name, attempt);
    const path = joinPath(folder, candidate);
    // Copied first, looked at only if the name is taken: a free name, the common case, costs one
    // call, and nothing can take the name between a look and the copy.
    if (await copiedTo(kubo, cid, path)) {
      const notes: UploadNote[] =
        attempt === 1 ? [] : [{ kind: 'renamed', taken: joinPath(folder, name), name: candidate }];
      return { path, duplicate: false, notes };
    }
    const existing = await statHash(kubo, path);
    if (existing === cid && own) return { path, duplicate: false, notes: [] };
    if (existing === cid) {
      return {
        path,
        duplicate: true,
        notes: [{ kind: 'already-there', path }],
      };
    }
    // Taken by other content, or gone again since the copy was refused: the next name is tried.
  }
  const taken = joinPath(folder, name);
  throw new AppError('NODE_ERROR', `${taken} and ${MAX_SUFFIX - 1} numbered names are all taken.`, {
    action: 'name',
    target: taken,
  });
}

/** Copies `/ipfs/<cid>` to `path`; false when something already has that name. */
async function copiedTo(kubo: KuboClient, cid: string, path: string): Promise<boolean> {
  try {
    await unflushed(kubo, () =>
      kubo.call('files/cp', [
        ['arg', `/ipfs/${cid}`],
        ['arg', path],
        ['flush', 'false'],
      ]),
    );
    return true;
  } catch (error) {
    if (error instanceof KuboRefusal && NAME_TAKEN.test(error.kuboMessage)) return false;
    throw error;
  }
}

/**
 * An MFS change made without a flush. Kubo refuses one once too many wait for a flush (another
 * client's among them): Files is flushed from its root then (the folder may not exist yet), and the
 * change made again.
 */
async function unflushed(kubo: KuboClient, change: () => Promise<unknown>): Promise<void> {
  try {
    await change();
  } catch (error) {
    if (!(error instanceof KuboRefusal) || !TOO_MANY_UNFLUSHED.test(error.kuboMessage)) throw error;
    await kubo.call('files/flush', { arg: '/' });
    await change();
  }
}

/** The CID at a Files path, or null when nothing is there. */
async function statHash(kubo: KuboClient, path: string): Promise<string | null> {
  try {
    const stat = await kubo.call<{ Hash: string }>('files/stat', { arg: path, hash: 'true' });
    return stat.Hash;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** "report.pdf" → "report (2).pdf"; a leading dot is part of the name, not an extension. */
export function numbered(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${name} (${n})`;
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
}
