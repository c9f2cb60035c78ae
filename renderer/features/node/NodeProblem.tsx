import type { NodeStatus } from '../../../shared/ipc/contract';
import { wordsFor } from '../../app/failure-words';
import { MoreDetails } from '../../ui/MoreDetails';

/** What went wrong with the node, and what the user can do about it. */
export function NodeProblem({ node }: { node: NodeStatus }) {
  if (!node.error) return null;
  const { reason, details } = wordsFor(node.error);
  // A node error without parameters is Kubo's own words on a failed start: they go to Details.
  const sentence = node.error.code === 'NODE_ERROR' && !node.error.details ? 'The IPFS node could not start.' : reason;
  return (
    <div className="problem" role="alert" aria-label="Node problem">
      <p className="error-text">{sentence}</p>
      <MoreDetails text={details} />
      {node.restart && (
        <p>
          Restart attempt {node.restart.attempt}, in {node.restart.inSeconds} s.
        </p>
      )}
      {node.error.code === 'KUBO_BINARY_MISSING' && (
        <p>
          Install Kubo (the <code>ipfs</code> command), or enter the path of its binary under Settings &gt; Embedded
          node, or start Cairn with <code>KUBO_BINARY=/path/to/ipfs</code>. Then restart the node.
        </p>
      )}
      {node.error.code === 'NODE_AUTH' && (
        <p>Edit the profile under Settings &gt; Remote nodes and enter the right credentials.</p>
      )}
    </div>
  );
}
