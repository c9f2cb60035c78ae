import type { VerifySource } from '../../../shared/ipc/contract';
import { MAX_INLINE_BYTES } from '../../../shared/ipc/limits';
import { diskGrant, pickedFolderGrant } from '../files/file-source';

/** What the user dropped or picked: one file, or a folder with its files and their paths inside it. */
export interface Picked {
  name: string;
  folder: boolean;
  size: number;
  /** Main's grant for it on disk, in Electron; main reads it itself. */
  grant: string | null;
  files: { file: File; path: string }[];
}

export async function pickedFile(file: File): Promise<Picked> {
  return {
    name: file.name,
    folder: false,
    size: file.size,
    grant: await diskGrant(file),
    files: [{ file, path: '' }],
  };
}

/** From an `<input webkitdirectory>`: every file knows its path under the chosen folder. */
export async function pickedFolder(files: File[]): Promise<Picked | null> {
  const first = files[0];
  if (!first) return null;
  const name = first.webkitRelativePath.split('/')[0] ?? first.name;
  return {
    name,
    folder: true,
    size: files.reduce((sum, file) => sum + file.size, 0),
    grant: await pickedFolderGrant(files),
    files: files.map((file) => ({ file, path: file.webkitRelativePath.split('/').slice(1).join('/') })),
  };
}

/** A dropped item: Electron gives a folder's own path; a browser lets the folder be walked. */
export async function pickedDrop(item: DataTransferItem): Promise<Picked | null> {
  const file = item.getAsFile();
  const entry = item.webkitGetAsEntry();
  if (!file) return null;
  if (!entry?.isDirectory) return pickedFile(file);
  const grant = await diskGrant(file);
  if (grant) return { name: file.name, folder: true, size: 0, grant, files: [] };
  const files = await walkEntry(entry as FileSystemDirectoryEntry, '');
  return {
    name: file.name,
    folder: true,
    size: files.reduce((sum, one) => sum + one.file.size, 0),
    grant: null,
    files,
  };
}

async function walkEntry(dir: FileSystemDirectoryEntry, prefix: string): Promise<{ file: File; path: string }[]> {
  const reader = dir.createReader();
  const found: { file: File; path: string }[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return found;
    for (const entry of batch) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory) found.push(...(await walkEntry(entry as FileSystemDirectoryEntry, path)));
      else {
        const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
        found.push({ file, path });
      }
    }
  }
}

/** The same difference as uploads: a grant for main to stream in Electron, bytes from the browser harness. */
export async function toVerifySource(picked: Picked): Promise<VerifySource> {
  if (picked.grant) return { kind: 'grant', grant: picked.grant };
  if (picked.size > MAX_INLINE_BYTES) {
    throw new Error(
      `${picked.name} is over 64 MiB, more than the browser harness sends inline. Verify it from the desktop app.`,
    );
  }
  const entries = await Promise.all(
    picked.files.map(async ({ file, path }) => ({ path, data: new Uint8Array(await file.arrayBuffer()) })),
  );
  return { kind: 'bytes', name: picked.name, folder: picked.folder, entries };
}
