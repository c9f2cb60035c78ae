import type { GcPreview, GcResult, NodeStats, NodeStatus } from '../../../shared/ipc/contract';
import { cairn, call } from '../../app/api';
import { reportFailure } from '../../app/failure';
import { useAppStore } from '../../app/store';
import { pollWhileVisible } from '../../app/visible-poll';
import { announceMovedGateway } from './moved-ports';

function showStatus(status: NodeStatus): void {
  const before = useAppStore.getState().node;
  useAppStore.getState().setNode(status);
  // Another node answering (switched to, restarted), or none: what every view was told was of the
  // node before. They ask again, and say they cannot tell while no node answers.
  if (before && answeringNode(before) !== answeringNode(status)) useAppStore.getState().keepChanged();
  announceMovedGateway(status);
}

/** The node answering, by its peer id; null while none does. */
const answeringNode = (status: NodeStatus): string | null =>
  status.state === 'running' ? (status.info?.peerId ?? '') : null;

async function applyStatus(action: string, request: () => ReturnType<typeof call<'node.status'>>): Promise<void> {
  try {
    showStatus(await request());
  } catch (error) {
    reportFailure(`Could not ${action}`, error);
  }
}

export const refreshNode = () => applyStatus("read the node's status", () => call('node.status', {}));
export const restartNode = () => applyStatus('restart the node', () => call('node.restart', {}));
export const switchNode = (target: string) => applyStatus('switch nodes', () => call('node.use', { target }));

/**
 * Main's events tell what it does and what its own Kubo does, but a remote node (or a reused daemon
 * elsewhere) that goes away, or comes back, sends none: while the window is visible it is asked,
 * less and less often while it runs and nothing changes, every 15 s while it is in error, and at
 * once when the window gets focus.
 */
const STATUS_POLL = { firstMs: 15_000, lastMs: 5 * 60_000 };

/**
 * The status read again and shown; true when what it says changed, and while the node is in error:
 * asking then never backs off, or a node back after minutes would be shown in error for minutes more.
 */
async function checkNode(): Promise<boolean> {
  const before = useAppStore.getState().node;
  const status = await call('node.status', {});
  showStatus(status);
  return status.state === 'error' || before?.state !== status.state || before.error?.message !== status.error?.message;
}

/** The first status now, then every change main reports, and what asking finds. */
export function followNode(): () => void {
  void refreshNode();
  const onFocus = () => void checkNode().catch(() => undefined);
  window.addEventListener('focus', onFocus);
  const poll = () => pollWhileVisible(checkNode, STATUS_POLL, document);
  let stopPoll = poll();
  // A change main reports (a remote node a call found gone) starts the asking over from its first
  // delay, rather than minutes later: its coming back is then seen soon.
  const stopEvents = cairn().on('node.changed', (status) => {
    const before = useAppStore.getState().node?.state;
    showStatus(status);
    if (before === status.state) return;
    stopPoll();
    stopPoll = poll();
  });
  return () => {
    stopEvents();
    stopPoll();
    window.removeEventListener('focus', onFocus);
  };
}

export async function readStats(): Promise<NodeStats | null> {
  const result = await cairn().invoke('node.stats', {});
  return result.ok ? result.data : null;
}

/** What garbage collection would remove now, as the keep-status service counts it; null on failure. */
export async function previewGarbage(): Promise<GcPreview | null> {
  try {
    return await call('keep.gcPreview', { opId: crypto.randomUUID() });
  } catch (error) {
    reportFailure('Could not count what garbage collection removes', error);
    return null;
  }
}

export async function collectGarbage(): Promise<GcResult | null> {
  try {
    return await call('node.gc', { opId: crypto.randomUUID() });
  } catch (error) {
    reportFailure('Garbage collection failed', error);
    return null;
  }
}
