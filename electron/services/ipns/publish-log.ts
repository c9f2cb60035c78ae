import type { DataStore } from '../store/data-store';
import { publishLogFile, type PublishEntry } from '../store/files/ipns-files';

export type { PublishEntry };

export interface PublishLog {
  get(name: string): PublishEntry | undefined;
  record(name: string, entry: PublishEntry): Promise<void>;
}

/**
 * What Cairn published under each name, and when: a record holds its expiry but not its publish
 * time, and an expired record looks to Kubo like no record at all, so this is how Cairn tells them apart.
 */
export async function openPublishLog(store: DataStore): Promise<PublishLog> {
  const file = await store.open(publishLogFile);
  return {
    get: (name) => file.get()[name],
    async record(name, entry) {
      await file.update((byName) => ({ ...byName, [name]: entry }));
    },
  };
}
