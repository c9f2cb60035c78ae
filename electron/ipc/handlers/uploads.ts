import { findService } from '../../services/pins/pin-services';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function uploadsHandlers({ uploads, grants, settings }: Services): HandlersOf<'uploads'> {
  return {
    'uploads.list': () => Promise.resolve(uploads.list()),
    'uploads.enqueue': async (request) => {
      // Remote pins are asked for once an upload lands: a service that does not exist is refused now, before anything is queued.
      for (const id of request.options.pinServices) findService(settings, id);
      return uploads.enqueue({ ...request, sources: request.sources.map((source) => grants.resolve(source)) });
    },
    'uploads.cancel': ({ ids }) => {
      uploads.cancel(ids);
      return Promise.resolve(null);
    },
    'uploads.retry': ({ ids }) => {
      uploads.retry(ids);
      return Promise.resolve(null);
    },
    'uploads.clear': async ({ ids }) => {
      await uploads.clear(ids);
      return null;
    },
  };
}
