import { AppError } from '../../../shared/errors';
import type { KuboClient } from '../kubo/kubo-client';
import type { BufferRecycler } from '../recycled-buffers';
import { multipartTree, newBoundary } from './multipart';
import type { WalkEntry } from '../walk';

export interface AddedRoot {
  cid: string;
  size: number;
}

export interface AddTreeOptions {
  /** Query parameters of `add` besides the ones this module sets (import settings, pin). */
  params: Record<string, string>;
  signal: AbortSignal;
  /** Bytes of the named file Kubo has taken in so far. */
  onBytes(name: string, bytes: number): void;
  /** An entry Kubo finished, file or folder. */
  onAdded(name: string): void;
}

/** Adds a walked tree in one `add`, streamed from disk; progress and finished entries as Kubo reports them. */
export async function addTree(kubo: KuboClient, entries: WalkEntry[], options: AddTreeOptions): Promise<AddedRoot> {
  const root = entries[0];
  if (!root) throw new AppError('VALIDATION', 'Nothing to add.');
  const boundary = newBoundary();
  const params = { ...options.params, progress: 'true', 'stream-channels': 'true', 'wrap-with-directory': 'false' };
  let added: AddedRoot | undefined;
  const body = (buffers: BufferRecycler) => multipartTree(boundary, entries, buffers);
  await kubo.upload('add', params, { boundary, body }, options.signal, (line) => {
    const message = line as { Name?: string; Hash?: string; Size?: string; Bytes?: number };
    if (message.Hash && message.Name !== undefined) {
      options.onAdded(message.Name);
      if (message.Name === root.name) added = { cid: message.Hash, size: Number(message.Size ?? 0) };
    } else if (typeof message.Bytes === 'number' && message.Name !== undefined) {
      options.onBytes(message.Name, message.Bytes);
    }
  });
  if (!added) throw new AppError('NODE_ERROR', `The node ended the add without a CID for ${root.name}.`);
  return added;
}
