import type { Services } from '../../services/services';
import { inspectOnNode } from '../../services/verify/inspect-on-node';
import type { HandlersOf } from '../types';
import { cidArgument } from './arguments';

export function verifyHandlers({ node }: Services): HandlersOf<'verify'> {
  return {
    'verify.inspectOnNode': ({ cid }) => inspectOnNode(node.rpcTarget(), cidArgument(cid)),
  };
}
