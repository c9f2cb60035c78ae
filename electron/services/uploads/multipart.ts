import { randomBytes } from 'node:crypto';
import type { BufferRecycler } from '../recycled-buffers';
import { arrivalOf } from './arrivals';
import { fileChunks } from '../file-chunks';
import { isSmallFile, readAhead, smallFileReader } from '../small-files';
import type { WalkEntry } from '../walk';

/** Big reads: fewer syscalls and chunks than the default 64 KiB, still a small, flat footprint. */
const READ_CHUNK = 1024 * 1024;

export function newBoundary(): string {
  return `cairn-${randomBytes(12).toString('hex')}`;
}

/**
 * The multipart body Kubo's `add` reads a tree from: one part per entry, parents first, names
 * URL-escaped (Kubo unescapes them, so spaces, newlines and `+` survive). Small files are read ahead
 * in batches (on a thread when there are many), others opened only when their turn comes and
 * streamed, their bytes counted to `onBytes` as the sender takes them; one that vanished or changed
 * meanwhile fails the upload by name.
 */
export async function* multipartTree(
  boundary: string,
  entries: WalkEntry[],
  buffers: BufferRecycler,
  reading: FileReading = {},
): AsyncGenerator<Buffer> {
  const small = entries.filter(isSmallFile);
  const reader = smallFileReader(small.length);
  try {
    const readSmall = readAhead(small, reader);
    let smallIndex = 0;
    for (const entry of entries) {
      yield partHeader(boundary, entry);
      if (isSmallFile(entry)) yield await readSmall(smallIndex++);
      else if (entry.type === 'file') yield* fileContent(entry, buffers, reading);
      else if (entry.type === 'symlink') yield Buffer.from(entry.target ?? '');
      yield Buffer.from('\r\n');
    }
  } finally {
    await reader.close();
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

/** One file as the whole body (for `dag/import`, which takes a CAR file the same way). */
export async function* multipartFile(
  boundary: string,
  entry: WalkEntry,
  buffers: BufferRecycler,
  reading: FileReading = {},
): AsyncGenerator<Buffer> {
  yield partHeader(boundary, entry);
  yield* fileContent(entry, buffers, reading);
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

export function partHeader(boundary: string, entry: Pick<WalkEntry, 'name' | 'type'>): Buffer {
  const type = { file: 'application/octet-stream', folder: 'application/x-directory', symlink: 'application/symlink' }[
    entry.type
  ];
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(entry.name)}"\r\n` +
      `Content-Type: ${type}\r\n\r\n`,
  );
}

export interface FileReading {
  /** Hears how much of the named file has been handed on so far. */
  onBytes?: (name: string, bytes: number) => void;
  /** The upload's: a cancel stops a read waiting for bytes the browser harness has not sent yet. */
  signal?: AbortSignal;
}

/** Read into buffers from `buffers`, which the sender gives back once the socket has them. */
async function* fileContent(
  entry: WalkEntry,
  buffers: BufferRecycler,
  { onBytes, signal }: FileReading,
): AsyncGenerator<Buffer> {
  const chunks = fileChunks(entry, {
    chunk: READ_CHUNK,
    take: (bytes) => buffers.take(bytes),
    give: (buffer) => buffers.give(buffer),
    // A file the browser harness is still sending: each read waits for its bytes to be on disk.
    arriving(info) {
      const arrival = arrivalOf(info);
      return arrival && ((bytes) => arrival.reached(bytes, signal));
    },
  });
  let read = 0;
  for await (const chunk of chunks) {
    read += chunk.byteLength;
    yield chunk;
    onBytes?.(entry.name, read);
  }
}
