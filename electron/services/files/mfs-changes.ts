/**
 * Who changed which MFS folder: Cairn's own operations and the upload pipeline call notifyChanged
 * after they wrote into a folder; the host forwards it to renderers as `files.changed`.
 */
export interface MfsChanges {
  notifyChanged(folder: string): void;
  onChange(listener: (folder: string) => void): () => void;
}

export function createMfsChanges(): MfsChanges {
  const listeners = new Set<(folder: string) => void>();
  return {
    notifyChanged(folder) {
      for (const listener of listeners) listener(folder);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
