import type { UploadSource } from '../../../shared/ipc/contract';
import { MAX_INLINE_BYTES } from '../../../shared/ipc/limits';
import { cairn } from '../../app/api';

/**
 * The one place that knows the difference between the hosts: Electron gives paths that main
 * streams from disk (files and folders alike); a browser has no paths, so the bytes are read and
 * sent, up to the harness's inline limit.
 */
export async function fileSource(file: File, car = false): Promise<UploadSource> {
  const path = cairn().pathForFile(file);
  if (path) return { kind: 'path', path, car };
  checkInlineSize(file.name, file.size);
  return { kind: 'bytes', name: file.name, data: new Uint8Array(await file.arrayBuffer()), car };
}

/** A folder dropped on the window. */
export async function droppedFolderSource(entry: FileSystemDirectoryEntry, file: File | null): Promise<UploadSource> {
  const path = file ? cairn().pathForFile(file) : null;
  if (path) return { kind: 'path', path };
  const files: { path: string; data: Uint8Array<ArrayBuffer> }[] = [];
  const folders: string[] = [];
  let bytes = 0;
  async function read(directory: FileSystemDirectoryEntry, prefix: string): Promise<void> {
    for (const child of await allEntries(directory)) {
      const path = prefix ? `${prefix}/${child.name}` : child.name;
      if (isDirectory(child)) {
        folders.push(path);
        await read(child, path);
      } else if (isFile(child)) {
        const content = await new Promise<File>((resolve, reject) => child.file(resolve, reject));
        bytes += content.size;
        checkInlineSize(entry.name, bytes);
        files.push({ path, data: new Uint8Array(await content.arrayBuffer()) });
      }
    }
  }
  await read(entry, '');
  return { kind: 'tree', name: entry.name, files, folders };
}

/**
 * A folder chosen with the folder picker: its files, each with its path inside the folder. In
 * Electron the folder's own path is the first file's path minus that relative part.
 */
export async function pickedFolderSources(files: File[]): Promise<UploadSource[]> {
  const first = files[0];
  if (!first) return [];
  const root = first.webkitRelativePath.split('/')[0] ?? first.name;
  const firstPath = cairn().pathForFile(first);
  if (firstPath)
    return [{ kind: 'path', path: firstPath.slice(0, firstPath.length - first.webkitRelativePath.length) + root }];
  const total = files.reduce((sum, file) => sum + file.size, 0);
  checkInlineSize(root, total);
  const tree = await Promise.all(
    files.map(async (file) => ({
      path: file.webkitRelativePath.split('/').slice(1).join('/'),
      data: new Uint8Array(await file.arrayBuffer()),
    })),
  );
  return [{ kind: 'tree', name: root, files: tree, folders: [] }];
}

function checkInlineSize(name: string, bytes: number): void {
  if (bytes > MAX_INLINE_BYTES) {
    throw new Error(`${name} is over 64 MiB, more than the browser harness sends inline. Add it from the desktop app.`);
  }
}

/** readEntries gives at most 100 entries a call: read until it gives none. */
async function allEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

export function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}
