import { cidArgument } from '../../services/content-argument';
import { uploadPinsInFiles } from '../../services/keep/upload-pins';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function keepHandlers({ keep, uploads, node }: Services): HandlersOf<'keep'> {
  return {
    'keep.status': ({ cid, filesPath }) => keep.status(cid, { filesPath: filesPath ?? true }),
    'keep.rows': ({ cids }) => keep.rows(cids),
    'keep.onNode': ({ cids }) => keep.onNode(cids),
    'keep.recheck': async () => ({ changed: await keep.recheck() }),
    'keep.gcPreview': (_request, op) => keep.gcPreview(op.signal),
    'keep.uploadPins': () => uploadPinsInFiles(uploads.list(), keep, node.kubo()),
    'keep.afterUnpin': async ({ cid }) => ({ keptBy: await keep.afterUnpin(cidArgument(cid).toString()) }),
  };
}
