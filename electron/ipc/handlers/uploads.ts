import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function uploadsHandlers({ uploads, grants }: Services): HandlersOf<'uploads'> {
  return {
    'uploads.list': () => Promise.resolve(uploads.list()),
    'uploads.enqueue': async (request) =>
      uploads.enqueue({ ...request, sources: request.sources.map((source) => grants.resolve(source)) }),
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
