import type { GcPreview, GcResult, NodeStats, NodeStatus } from '../../../shared/ipc/contract';
import { cairn, call } from '../../app/api';
import { reportFailure } from '../../app/failure';
import { useAppStore } from '../../app/store';
import { announceMovedGateway } from './moved-ports';

function showStatus(status: NodeStatus): void {
  useAppStore.getState().setNode(status);
  announceMovedGateway(status);
}

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

/** The first status now, then every change main reports. */
export function followNode(): () => void {
  void refreshNode();
  return cairn().on('node.changed', showStatus);
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
