import { cairn, call, messageOf } from '../../app/api';
import { useAppStore } from '../../app/store';

export async function refreshNode(): Promise<void> {
  try {
    useAppStore.getState().setNode(await call('node.status', {}));
  } catch (error) {
    useAppStore.getState().notify('error', `Could not read the node's status: ${messageOf(error)}`);
  }
}

export async function restartNode(): Promise<void> {
  try {
    useAppStore.getState().setNode(await call('node.restart', {}));
  } catch (error) {
    useAppStore.getState().notify('error', `Could not restart the node: ${messageOf(error)}`);
  }
}

/** The first status now, then every change main reports. */
export function followNode(): () => void {
  void refreshNode();
  return cairn().on('node.changed', (status) => useAppStore.getState().setNode(status));
}
