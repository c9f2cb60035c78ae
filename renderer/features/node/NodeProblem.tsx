import type { NodeStatus } from '../../../shared/ipc/contract';

/** What went wrong with the node, and what the user can do about it. */
export function NodeProblem({ node }: { node: NodeStatus }) {
  if (!node.error) return null;
  return (
    <div className="problem" role="alert" aria-label="Node problem">
      <p className="error-text">{node.error.message}</p>
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
