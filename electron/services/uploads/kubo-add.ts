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
  /** Wraps the request's body (see CancelUntilSent): the cancel stops the add only until it was all sent. */
  sending?: (body: AsyncIterable<Buffer>) => AsyncIterable<Buffer>;
  /** Bytes of the named file sent to Kubo so far (the socket's backpressure keeps it a few MiB ahead at most). */
  onBytes(name: string, bytes: number): void;
  /** An entry Kubo finished, file or folder. */
  onAdded(name: string): void;
}

/**
 * Adds a walked tree in one `add`, streamed from disk; finished entries as Kubo reports them. The
 * bytes are counted as they are sent, with `progress` off as `ipfs add -Q` sends it: a line
 * from Kubo every 256 KiB read (4,096 a GiB, and one a file) costs both sides work the count does not need.
 */
export async function addTree(kubo: KuboClient, entries: WalkEntry[], options: AddTreeOptions): Promise<AddedRoot> {
  const root = entries[0];
  if (!root) throw new AppError('VALIDATION', 'Nothing to add.');
  const boundary = newBoundary();
  const params = { ...options.params, progress: 'false', 'stream-channels': 'true', 'wrap-with-directory': 'false' };
  let added: AddedRoot | undefined;
  const body = (buffers: BufferRecycler) => {
    const parts = multipartTree(boundary, entries, buffers, {
      onBytes: (name, bytes) => options.onBytes(name, bytes),
      signal: options.signal,
    });
    return options.sending ? options.sending(parts) : parts;
  };
  await kubo.upload('add', params, { boundary, body }, options.signal, (line) => {
    const message = line as { Name?: string; Hash?: string; Size?: string };
    if (message.Hash && message.Name !== undefined) {
      options.onAdded(message.Name);
      if (message.Name === root.name) added = { cid: message.Hash, size: Number(message.Size ?? 0) };
    }
  });
  if (!added) {
    throw new AppError('NODE_ERROR', `The node ended the add without a CID for ${root.name}.`, {
      action: 'add',
      target: root.name,
    });
  }
  return added;
}
