import type { CID } from 'multiformats/cid';
import { AppError } from '../../../shared/errors';
import type { Services } from '../../services/services';
import { inspectOnNode } from '../../services/verify/inspect-on-node';
import { verifyLocal } from '../../services/verify/verify-local';
import type { HandlersOf } from '../types';
import { cidArgument, contentRefArgument } from '../../services/content-argument';

export function verifyHandlers({ node, verify, grants }: Services): HandlersOf<'verify'> {
  return {
    'verify.inspectOnNode': ({ cid }) => inspectOnNode(node.kubo(), cidArgument(cid)),
    'verify.local': ({ source, cid, settings }, op) =>
      verifyLocal(grants.resolve(source), contentCid(cid), settings, { ...op, node: verify.nodeClient() }),
    'verify.sources': ({ opId, cid }, op) =>
      verify.checkSources(contentCid(cid), op.signal, (verdict) => op.emit('verify.sourceVerdict', { opId, verdict })),
    'verify.fetch': ({ cid, source }, op) => verify.fetch(contentCid(cid), source, op),
  };
}

/** The CID in whatever the user pasted (CID, /ipfs/ path, ipfs:// or gateway link), or why it is not one. */
function contentCid(text: string): CID {
  const ref = contentRefArgument(text);
  if (ref.namespace !== 'ipfs') {
    throw new AppError('VALIDATION', 'This is an IPNS name: verification needs a CID.', {
      input: text,
      problem: 'name-not-cid',
    });
  }
  if (ref.path.length > 0) {
    throw new AppError(
      'VALIDATION',
      `Paste the CID of the content itself, not a path inside it (${ref.path.join('/')}).`,
      { input: text, problem: 'path-inside' },
    );
  }
  return ref.cid;
}
