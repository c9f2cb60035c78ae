import { cairn } from './api';
import { useAppStore } from './store';

/**
 * Whether main answers, as the header shows it; once main is back, `onBack` asks again for what may
 * have changed meanwhile.
 */
export function followBackend(onBack: () => void): () => void {
  const stop = cairn().onConnection?.((connected) => {
    useAppStore.getState().setBackendLost(!connected);
    if (connected) onBack();
  });
  return stop ?? (() => undefined);
}
