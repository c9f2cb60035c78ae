import { useAppStore } from '../../app/store';

const stateLabels = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  error: 'error',
} as const;

/** The node's state, visible from every view; while main does not answer, that instead. */
export function NodeBadge() {
  const node = useAppStore((state) => state.node);
  const backendLost = useAppStore((state) => state.backendLost);
  if (backendLost) {
    return (
      <p className="node-badge node-error" role="status" aria-label="Backend not answering">
        Cairn’s backend is not answering: reconnecting…
      </p>
    );
  }
  const label = node ? stateLabels[node.state] : 'connecting';
  return (
    <p className={`node-badge node-${node?.state ?? 'starting'}`} role="status" aria-label={`Node ${label}`}>
      Node {label}
      {node?.offline && node.target.kind === 'embedded' ? ' (offline)' : ''}
    </p>
  );
}
