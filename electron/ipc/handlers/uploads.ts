import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function uploadsHandlers({ uploads }: Services): HandlersOf<'uploads'> {
  return {
    'uploads.list': () => Promise.resolve(uploads.list()),
    'uploads.enqueue': (request) => uploads.enqueue(request),
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
