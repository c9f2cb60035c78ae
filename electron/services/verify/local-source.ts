import { lstat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportCandidate } from 'ipfs-unixfs-importer';
import { AppError } from '../../../shared/errors';
import type { VerifySource } from '../../../shared/ipc/contract';
import { fileChunks } from '../file-chunks';
import type { FsThread } from '../fs-thread';
import type { OnDisk } from '../grants/grants';
import { digestsAhead, isSmallFile, readAhead, readSmallFile, type SmallFileReader } from '../small-files';
import { unreadable, walk, type WalkEntry } from '../walk';
import type { WholeFileCandidate } from './whole-files';

/** Bytes per read of a file larger than a small one. */
const LARGE_READ = 1024 * 1024;

export interface ReadOptions {
  hidden: boolean;
  onBytes: (count: number) => void;
  signal: AbortSignal;
  /**
   * Where each file not read as a small one is recorded, by the importer's path for it, for hashing
   * threads that read it themselves: its content is then read here only if something still asks.
   */
  filesOnDisk?: FilesOnDisk;
  /** What reads a folder's small files, in batches; without it, each is read in its turn. */
  smallFiles?: SmallFileReader;
  /** Whether small files are hashed where they are read, for settings that need only their hash. */
  smallFileDigests?: boolean;
}

/** A file on disk, with what its reads report to. */
export interface FileOnDisk {
  path: string;
  size: number;
  onBytes: (count: number) => void;
  signal: AbortSignal;
}

export type FilesOnDisk = Map<string, FileOnDisk>;

export interface LocalInput {
  name: string;
  folder: boolean;
  totalBytes: number;
  /** How many of its files are small ones read from disk. */
  smallFiles: number;
  /** Whether a folder holds dot files, which an upload may have left out or kept. */
  dotFiles: boolean;
  /** Every entry, paths under `name`; file contents are read only when the importer gets to them. */
  candidates: (options: ReadOptions) => Iterable<ImportCandidate> | AsyncIterable<ImportCandidate>;
}

/** What verification reads: bytes as sent, or the path a grant stands for. */
export type LocalSource = OnDisk<VerifySource>;

/**
 * One shape for both hosts: a path on disk is walked and streamed (Electron), bytes sent by the
 * browser harness are used as they are. Either way the importer sees the same candidates.
 */
export async function openLocalInput(source: LocalSource, fs?: FsThread): Promise<LocalInput> {
  if (source.kind === 'bytes') return bytesInput(source);
  const info = await lstat(source.path).catch((error: unknown) => {
    throw unreadable(source.path, error);
  });
  const name = basename(source.path);
  if (info.isFile()) {
    return {
      name,
      folder: false,
      totalBytes: info.size,
      smallFiles: 0,
      dotFiles: false,
      candidates: (options) => [{ path: name, content: fileContent(name, source.path, info.size, options) }],
    };
  }
  if (!info.isDirectory()) {
    throw new AppError('FILE_UNREADABLE', `${source.path} is neither a file nor a folder.`, {
      path: source.path,
      problem: 'not-regular',
    });
  }
  // One walk, the same as uploads make (byte order, symlinks as links), hidden entries included:
  // each attempt leaves them out or not by its own settings.
  const tree = await walk(source.path, {
    hidden: true,
    symlinks: 'preserve',
    signal: new AbortController().signal,
    fs,
  });
  return {
    name,
    folder: true,
    totalBytes: tree.totalBytes,
    smallFiles: tree.entries.filter(isSmallFile).length,
    dotFiles: tree.entries.some((entry) => isHidden(entry.name)),
    candidates: (options) => treeCandidates(tree.entries, options),
  };
}

function bytesInput(source: Extract<VerifySource, { kind: 'bytes' }>): LocalInput {
  const total = source.entries.reduce((sum, entry) => sum + entry.data.byteLength, 0);
  return {
    name: source.name,
    folder: source.folder,
    totalBytes: total,
    smallFiles: 0,
    dotFiles: source.folder && source.entries.some((entry) => isHiddenPath(entry.path)),
    candidates: (options) => bytesCandidates(source, options),
  };
}

function* bytesCandidates(
  source: Extract<VerifySource, { kind: 'bytes' }>,
  options: ReadOptions,
): Iterable<ImportCandidate> {
  if (!source.folder) {
    const [only] = source.entries;
    if (only) yield { path: source.name, content: counted([only.data], options) };
    return;
  }
  for (const entry of source.entries) {
    if (!options.hidden && isHiddenPath(entry.path)) continue;
    yield { path: `${source.name}/${entry.path}`, content: counted([entry.data], options) };
  }
}

/**
 * Like `ipfs add -r`: files streamed in turn, symlinks as symlinks, empty folders kept (a folder whose
 * only entries are hidden ones counts as empty when they are left out), dot files only when asked.
 */
export function* treeCandidates(
  entries: WalkEntry[],
  options: ReadOptions,
): Iterable<ImportCandidate | WholeFileCandidate> {
  const shown = options.hidden ? entries : entries.filter((entry) => !isHidden(entry.name));
  const small = options.smallFiles && smallFilesAhead(shown.filter(isSmallFile), options.smallFiles, options);
  let smallIndex = 0;
  for (const [index, entry] of shown.entries()) {
    options.signal.throwIfAborted();
    if (small && isSmallFile(entry)) {
      yield small(entry, smallIndex++);
    } else if (entry.type === 'file') {
      yield { path: entry.name, content: fileContent(entry.name, entry.path, entry.size, options) };
    } else if (entry.type === 'symlink') {
      yield { path: entry.name, link: entry.target } as ImportCandidate;
    } else if (!shown[index + 1]?.name.startsWith(`${entry.name}/`)) {
      yield { path: entry.name };
    }
  }
}

/**
 * The candidate for the `at`-th of these small files, read ahead in batches: whole for a builder
 * that takes it so, streamed for the importer; hashed where it is read when only its hash is wanted
 * (its bytes then read again only if asked for).
 */
function smallFilesAhead(
  files: WalkEntry[],
  reader: SmallFileReader,
  { onBytes, signal, smallFileDigests }: ReadOptions,
): (entry: WalkEntry, at: number) => WholeFileCandidate {
  const counted = async <T>(read: () => Promise<T>, size: number) => {
    signal.throwIfAborted();
    const answer = await read();
    onBytes(size);
    return answer;
  };
  if (smallFileDigests) {
    const digestOf = digestsAhead(files, reader);
    return (entry, at) => {
      const whole = () => counted(() => readSmallFile(entry), entry.size);
      const sha256 = () => counted(() => digestOf(at), entry.size);
      return { path: entry.name, size: entry.size, whole, sha256, content: readOnce(whole) };
    };
  }
  const readSmall = readAhead(files, reader);
  return (entry, at) => {
    const whole = () => counted(() => readSmall(at), entry.size);
    return { path: entry.name, size: entry.size, whole, content: readOnce(whole) };
  };
}

/** Any part below the root starts with a dot. */
function isHidden(name: string): boolean {
  return isHiddenPath(name.slice(name.indexOf('/') + 1 || name.length));
}

/** Any part of a path relative to the root starts with a dot. */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

/** The file's bytes as the importer reads them, `name` being its path there. */
function fileContent(name: string, path: string, size: number, options: ReadOptions): AsyncIterable<Uint8Array> {
  options.filesOnDisk?.set(name, { path, size, onBytes: options.onBytes, signal: options.signal });
  // A stream would allocate its 1 MiB read buffer for each file, however small: 1,000 files of a
  // few bytes spent 1.7 s of 3 s of CPU in the garbage collector.
  const read = () => readSmallFile({ path, size });
  if (isSmallFile({ type: 'file', size })) return counted(readOnce(read), options);
  // Fresh buffers: the importer keeps views of what it is given. No signal: `counted` checks it at every chunk.
  const chunks = () => fileChunks({ path, size }, { chunk: LARGE_READ, take: (bytes) => Buffer.allocUnsafe(bytes) });
  return counted({ [Symbol.asyncIterator]: () => chunks()[Symbol.asyncIterator]() }, options);
}

async function* readOnce(read: () => Promise<Uint8Array>): AsyncIterable<Uint8Array> {
  yield await read();
}

async function* counted(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  { onBytes, signal }: Pick<ReadOptions, 'onBytes' | 'signal'>,
): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    signal.throwIfAborted();
    onBytes(chunk.byteLength);
    yield chunk;
  }
}
