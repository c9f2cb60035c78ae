import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import { isSmallFile } from '../small-files';

/**
 * Files the browser harness is still sending to main. A dropped file's upload starts as soon as it
 * is announced, and reads its bytes as they arrive, so that a drop costs about what a path upload
 * costs instead of a transfer and then an upload. A reader finds the arrival by the file's inode,
 * since the queue moves the file into its staging meanwhile.
 */
export interface Arrival {
  /** The size the page declared: the file's size once every byte has arrived. */
  readonly size: number;
  /**
   * Resolves once the first `bytes` bytes are on disk; rejects if the page stops sending before,
   * or at once when `signal` aborts (the upload was cancelled: its reader stops waiting).
   */
  reached(bytes: number, signal?: AbortSignal): Promise<void>;
}

/** With no byte for this long, the page is taken to have stopped sending (closed, or never sent). */
const IDLE_MS = 60_000;
/** The page sends a file's bytes and its announcement at once: bytes that come first wait this long for it. */
const ANNOUNCE_WAIT_MS = 10_000;
/** Bytes are written in batches of about this size: fewer writes, and readers wake a chunk at a time. */
const WRITE_BATCH = 1024 * 1024;

interface Waiter {
  bytes: number;
  resolve(): void;
  reject(error: AppError): void;
}

class ArrivingFile implements Arrival {
  written = 0;
  private failure: AppError | undefined;
  private waiters = new Set<Waiter>();
  private idle: NodeJS.Timeout;

  constructor(
    readonly name: string,
    readonly size: number,
    readonly handle: FileHandle,
    private readonly idleMs: number,
    private readonly ended: () => void,
  ) {
    this.idle = this.idleTimer();
  }

  reached(bytes: number, signal?: AbortSignal): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.written >= bytes) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      const cancelled = () => {
        this.waiters.delete(waiter);
        reject(signal?.reason as Error);
      };
      const done = () => signal?.removeEventListener('abort', cancelled);
      const waiter: Waiter = {
        bytes,
        resolve() {
          done();
          resolve();
        },
        reject(error) {
          done();
          reject(error);
        },
      };
      signal?.addEventListener('abort', cancelled, { once: true });
      this.waiters.add(waiter);
    });
  }

  wrote(bytes: number): void {
    this.written += bytes;
    clearTimeout(this.idle);
    this.idle = this.idleTimer();
    for (const waiter of this.waiters) {
      if (this.written < waiter.bytes) continue;
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  fail(failure: AppError): void {
    if (this.failure) return;
    this.failure = failure;
    this.end();
    for (const waiter of this.waiters) waiter.reject(failure);
    this.waiters.clear();
  }

  end(): void {
    clearTimeout(this.idle);
    this.ended();
    void this.handle.close().catch(() => undefined);
  }

  private idleTimer(): NodeJS.Timeout {
    const timer = setTimeout(() => this.fail(incomplete(this.name, this.written, this.size)), this.idleMs);
    return timer.unref();
  }
}

const byId = new Map<string, ArrivingFile>();
const byInode = new Map<string, ArrivingFile>();
/** Each announced file's declared size, by the path it was created at, until an upload takes it. */
const announced = new Map<string, number>();
/** Bytes that came before their file's announcement, waiting for it, by id. */
const early = new Map<string, (arrival: ArrivingFile) => void>();

function inodeKey(file: { dev: number; ino: number }): string {
  return `${file.dev}:${file.ino}`;
}

/** The arrival writing this file (by its `stat`), if its bytes are still coming. */
export function arrivalOf(file: { dev: number; ino: number }): Arrival | undefined {
  return byInode.get(inodeKey(file));
}

/** Creates the (empty) file at `path`, whose `size` bytes come through `fillArrival(id)`. */
export async function beginArrival(path: string, size: number, id: string, idleMs = IDLE_MS): Promise<void> {
  if (byId.has(id)) throw new AppError('ALREADY_EXISTS', `A file is already announced under ${id}.`, { upload: id });
  const handle = await open(path, 'wx');
  const key = inodeKey(await handle.stat());
  const arrival = new ArrivingFile(basename(path), size, handle, idleMs, () => {
    byId.delete(id);
    byInode.delete(key);
  });
  byId.set(id, arrival);
  byInode.set(key, arrival);
  announced.set(path, size);
  early.get(id)?.(arrival);
}

/**
 * The size the page declared for the file it announced at `path`, taken once by the upload that
 * moves the file away: the upload keeps it, so that a retry can tell a file that never fully arrived.
 */
export function takeAnnouncedSize(path: string): number | undefined {
  const size = announced.get(path);
  announced.delete(path);
  return size;
}

/**
 * Writes an announced file's bytes as they come; fails the arrival (and every upload reading it) if
 * they stop before its declared size or go past it.
 */
export async function fillArrival(id: string, bytes: AsyncIterable<Uint8Array>): Promise<void> {
  const arrival = byId.get(id) ?? (await announcement(id));
  // One sender a file: a second request for the same file finds nothing.
  byId.delete(id);
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  const writeBatch = async () => {
    await arrival.handle.writev(batch, arrival.written);
    arrival.wrote(batchBytes);
    batch = [];
    batchBytes = 0;
  };
  try {
    for await (const chunk of bytes) {
      if (arrival.written + batchBytes + chunk.byteLength > arrival.size) {
        throw new AppError('VALIDATION', `${arrival.name} is larger than the ${arrival.size} bytes announced.`, {
          name: arrival.name,
          problem: 'larger-than-announced',
        });
      }
      batch.push(chunk);
      batchBytes += chunk.byteLength;
      if (batchBytes >= WRITE_BATCH) await writeBatch();
    }
    if (batchBytes > 0) await writeBatch();
  } catch (error) {
    arrival.fail(error instanceof AppError ? error : incomplete(arrival.name, arrival.written, arrival.size));
    throw error;
  }
  if (arrival.written < arrival.size) {
    const failure = incomplete(arrival.name, arrival.written, arrival.size);
    arrival.fail(failure);
    throw failure;
  }
  arrival.end();
}

/** The arrival announced under `id`, waited for a moment: the page sends the bytes without waiting for it. */
function announcement(id: string): Promise<ArrivingFile> {
  return new Promise((resolve, reject) => {
    if (early.has(id)) throw new AppError('ALREADY_EXISTS', `Bytes are already coming under ${id}.`, { upload: id });
    const timer = setTimeout(() => {
      early.delete(id);
      reject(new AppError('NOT_FOUND', `No file was announced under ${id}.`, { upload: id }));
    }, ANNOUNCE_WAIT_MS).unref();
    early.set(id, (arrival) => {
      clearTimeout(timer);
      early.delete(id);
      resolve(arrival);
    });
  });
}

/**
 * The size to read a received file at: the size its page declared, while it arrives or once it has;
 * a file left short (the page stopped sending, or the app stopped before it arrived) is refused.
 */
export async function receivedSize(path: string, declared: number, signal?: AbortSignal): Promise<number> {
  const info = await stat(path);
  const arrival = arrivalOf(info);
  if (!arrival) {
    if (info.size !== declared) throw incomplete(basename(path), info.size, declared);
    return declared;
  }
  // Small files are read whole, a batch at a time, by a reader that does not wait: they are waited for here.
  if (isSmallFile({ type: 'file', size: declared })) await arrival.reached(declared, signal);
  return declared;
}

/** Waits until the file at `path` has all its bytes, for a reader that needs whole files. */
export async function whenArrived(path: string, signal?: AbortSignal): Promise<void> {
  const info = await stat(path).catch(() => null);
  const arrival = info && arrivalOf(info);
  if (arrival) await arrival.reached(arrival.size, signal);
}

function incomplete(name: string, received: number, size: number): AppError {
  return new AppError(
    'FILE_UNREADABLE',
    `Only ${received} of the ${size} bytes of ${name} arrived: the page stopped sending them. Drop the file again.`,
    { path: name, problem: 'incomplete', received, size },
  );
}
