import type { DataStore } from '../store/data-store';
import { publishLogFile, type PublishEntry } from '../store/files/ipns-files';

export type { PublishEntry };

export interface PublishLog {
  get(name: string): PublishEntry | undefined;
  record(name: string, entry: PublishEntry): Promise<void>;
  /** Drops what was published under a name whose key was removed. */
  forget(name: string): Promise<void>;
}

/**
 * What Cairn published under each name, and when: a record holds its expiry but not its publish
 * time, and an expired record looks to Kubo like no record at all, so this is how Cairn tells them apart.
 * An entry goes when its key is removed through Cairn. Entries of keys the node running now lacks
 * are kept: Cairn may use another node (a remote one, another repo) that has them.
 */
export async function openPublishLog(store: DataStore): Promise<PublishLog> {
  const file = await store.open(publishLogFile);
  return {
    get: (name) => file.get()[name],
    async record(name, entry) {
      await file.update((byName) => ({ ...byName, [name]: entry }));
    },
    async forget(name) {
      if (!(name in file.get())) return;
      await file.update((byName) => Object.fromEntries(Object.entries(byName).filter(([kept]) => kept !== name)));
    },
  };
}
