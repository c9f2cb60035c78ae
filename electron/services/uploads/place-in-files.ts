import { AppError } from '../../../shared/errors';
import type { UploadNote } from '../../../shared/ipc/contract';
import { joinPath } from '../../../shared/mfs-path';
import type { KuboClient } from '../kubo/kubo-client';

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
 * Links added content into a Files folder under its name. The same content already at that name is
 * reported, not copied again; other content under that name is kept and the new one gets a free
 * name such as "report (2).pdf", as file managers do.
 */
export async function placeInFiles(kubo: KuboClient, cid: string, folder: string, name: string): Promise<Placed> {
  await kubo.call('files/mkdir', { arg: folder, parents: 'true' });
  for (let attempt = 1; attempt <= MAX_SUFFIX; attempt++) {
    const candidate = attempt === 1 ? name : numbered(name, attempt);
    const path = joinPath(folder, candidate);
    const existing = await statHash(kubo, path);
    if (existing === cid) {
      return {
        path,
        duplicate: true,
        notes: [{ kind: 'already-there', path }],
      };
    }
    if (existing !== null) continue;
    await kubo.call('files/cp', [
      ['arg', `/ipfs/${cid}`],
      ['arg', path],
    ]);
    const notes: UploadNote[] =
      attempt === 1 ? [] : [{ kind: 'renamed', taken: joinPath(folder, name), name: candidate }];
    return { path, duplicate: false, notes };
  }
  const taken = joinPath(folder, name);
  throw new AppError('NODE_ERROR', `${taken} and ${MAX_SUFFIX - 1} numbered names are all taken.`, {
    action: 'name',
    target: taken,
  });
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
