import type { UploadItem, UploadPin } from '../../../shared/ipc/contract';
import { cumulativeSize } from '../files/cumulative-size';
import type { KuboClient } from '../kubo/kubo-client';
import type { KeepService } from './keep-service';

/**
 * The pins Cairn itself made for uploads ("Also pin", on by default before) whose content Files
 * holds now, so that Files alone would keep it: listed with sizes for the user to release. A pin
 * the user made is not among them, and nothing here unpins.
 */
export async function uploadPinsInFiles(
  uploads: UploadItem[],
  keep: KeepService,
  kubo: KuboClient,
): Promise<UploadPin[]> {
  const pinnedByUploads = uploads.flatMap((item) => (item.options.pin && item.result ? [item.result.cid] : []));
  const found = await keep.pinnedAndInFiles(pinnedByUploads);
  const sizes = await Promise.all(found.map(({ cid }) => cumulativeSize(kubo, cid)));
  return found.map((pin, index) => ({ ...pin, size: sizes[index] ?? null }));
}
