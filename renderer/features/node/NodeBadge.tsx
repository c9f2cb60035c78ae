import { useAppStore } from '../../app/store';

const stateLabels = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  error: 'error',
} as const;

/** The node's state, visible from every view. */
export function NodeBadge() {
  const node = useAppStore((state) => state.node);
  const label = node ? stateLabels[node.state] : 'connecting';
  return (
    <p className={`node-badge node-${node?.state ?? 'starting'}`} role="status" aria-label={`Node ${label}`}>
      Node {label}
      {node?.offline && node.target.kind === 'embedded' ? ' (offline)' : ''}
    </p>
  );
}
