import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKuboClient, type KuboClient } from '../../electron/services/kubo/kubo-client';
import { createLogger } from '../../electron/services/log';
import { openDataStore } from '../../electron/services/store/data-store';
import {
  openUploadQueue,
  type QueueSource,
  type UploadQueue,
  type UploadQueueOptions,
} from '../../electron/services/uploads/upload-queue';
import type { UploadItem, UploadOptions } from '../../shared/ipc/contract';
import { until } from './until';

export const defaultUploadOptions: UploadOptions = {
  profile: 'node',
  pin: true,
  hidden: false,
  symlinks: 'preserve',
  pinServices: [],
};

export interface TestUploads {
  queue: UploadQueue;
  dataDir: string;
  /** Queues sources into a Files folder and returns their ids. */
  enqueue(sources: QueueSource[], options?: Partial<UploadOptions>, folder?: string): Promise<string[]>;
  item(id: string): UploadItem;
  /** Waits until the item has left the queue (added, duplicate, failed, cancelled, interrupted). */
  settled(id: string, timeoutMs?: number): Promise<UploadItem>;
  close(): Promise<void>;
}

const finished = ['added', 'duplicate', 'failed', 'cancelled', 'interrupted'];

/**
 * The real upload queue in a data folder of its own (a fresh one unless given), adding to `kubo()`;
 * `pinnedBefore` as the app wires it to the keep service.
 */
export async function openTestUploads(
  kubo: () => KuboClient,
  dataDir?: string,
  pinnedBefore?: UploadQueueOptions['pinnedBefore'],
): Promise<TestUploads> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'cairn-uploads-')));
  const queue = await openUploadQueue({
    store: await openDataStore(dir, createLogger('store')),
    kubo,
    log: createLogger('uploads'),
    ...(pinnedBefore ? { pinnedBefore } : {}),
  });
  const item = (id: string) => {
    const found = queue.list().find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no upload ${id}`);
    return found;
  };
  return {
    queue,
    dataDir: dir,
    async enqueue(sources, options = {}, folder = '/') {
      const items = await queue.enqueue({ folder, sources, options: { ...defaultUploadOptions, ...options } });
      return items.map((queued) => queued.id);
    },
    item,
    async settled(id, timeoutMs = 60_000) {
      // Woken by the queue's own change events, so that benchmarks do not measure a polling interval.
      let wake: () => void = () => undefined;
      const stop = queue.onChange(() => wake());
      try {
        await until(
          `upload ${id} to finish`,
          () => finished.includes(item(id).state),
          timeoutMs,
          (resolve) => (wake = resolve),
        );
      } finally {
        stop();
      }
      return item(id);
    },
    async close() {
      await queue.dispose();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export function kuboAt(apiUrl: string): KuboClient {
  return createKuboClient({ url: apiUrl, headers: {} });
}
