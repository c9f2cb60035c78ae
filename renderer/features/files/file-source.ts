import type { UploadSource } from '../../../shared/ipc/contract';
import { MAX_INLINE_BYTES } from '../../../shared/ipc/limits';
import { cairn } from '../../app/api';

/**
 * The one place that knows the difference between the hosts: in Electron main grants each file or
 * folder the user gave the page and streams it from disk (the renderer only holds the grant); a
 * browser has no paths, so the bytes are sent, up to the harness's inline limit: a file streamed to
 * main for a grant, a folder's files read and sent with the request.
 */
export function diskGrant(file: File): Promise<string | null> {
  return cairn().grantForFile(file);
}

/** The grant for the folder a folder picker chose, from its files (Electron only). */
export function pickedFolderGrant(files: File[]): Promise<string | null> {
  const first = files[0];
  return first ? cairn().grantForFile(first, 'picked-folder') : Promise.resolve(null);
}

/**
 * From this size a browser's file goes to main on its own, streamed; smaller ones ride inline in
 * the enqueue request, so that a drop of many small files costs a few requests, not one per file.
 */
const STREAMED_FROM_BYTES = 1024 * 1024;

export async function fileSource(file: File, car = false): Promise<UploadSource> {
  const api = cairn();
  // A host that takes sent files grants no paths: the bytes start in the drop's own task, before
  // anything is awaited, which would let the page render the queue (a few ms) first.
  if (api.sendFile && file.size >= STREAMED_FROM_BYTES) {
    checkInlineSize(file.name, file.size);
    return { kind: 'grant', grant: await api.sendFile(file), car };
  }
  const grant = await diskGrant(file);
  if (grant) return { kind: 'grant', grant, car };
  checkInlineSize(file.name, file.size);
  return { kind: 'bytes', name: file.name, data: new Uint8Array(await file.arrayBuffer()), car };
}

/** A folder dropped on the window. */
export async function droppedFolderSource(entry: FileSystemDirectoryEntry, file: File | null): Promise<UploadSource> {
  const grant = file ? await diskGrant(file) : null;
  if (grant) return { kind: 'grant', grant };
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

/** A folder chosen with the folder picker: the folder itself in Electron, its files with their paths inside it in a browser. */
export async function pickedFolderSources(files: File[]): Promise<UploadSource[]> {
  const first = files[0];
  if (!first) return [];
  const root = first.webkitRelativePath.split('/')[0] ?? first.name;
  const grant = await pickedFolderGrant(files);
  if (grant) return [{ kind: 'grant', grant }];
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
