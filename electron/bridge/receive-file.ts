import type { Services } from '../services/services';
import { receive } from '../services/uploads/staging';

/**
 * The bridge's file route: a dropped file's bytes, streamed to the data folder, become a grant
 * like a path the preload gives in Electron; the upload queue then stages the file without a copy.
 */
export function fileReceiver(services: Pick<Services, 'grants' | 'store'>) {
  return async (name: string, bytes: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> =>
    services.grants.grant(await receive(services.store.dir, name, bytes, maxBytes));
}
