import { addFile } from '../../services/files/add-file';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function filesHandlers({ node }: Services): HandlersOf<'files'> {
  return {
    'files.add': ({ source }, op) => addFile(node.rpcTarget(), source, op),
  };
}
