import type { Services } from '../services/services';
import { fillArrival } from '../services/uploads/arrivals';
import { receive } from '../services/uploads/staging';

/** The bridge's file routes: the browser's stand-in for the path Electron's preload reads from a dropped File. */
export interface FileReceiver {
  /** Announces a file of `size` bytes, whose bytes come under `id`: a grant for it at once, like a path. */
  open(id: string, name: string, size: number): Promise<string>;
  /** Writes the announced file's bytes to disk as they arrive; its upload may be reading them already. */
  fill(id: string, bytes: AsyncIterable<Uint8Array>): Promise<void>;
}

export function fileReceiver(services: Pick<Services, 'grants' | 'store'>): FileReceiver {
  return {
    async open(id, name, size) {
      return services.grants.grant(await receive(services.store.dir, id, name, size));
    },
    fill: fillArrival,
  };
}
