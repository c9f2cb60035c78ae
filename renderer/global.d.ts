import type { CairnApi } from '../shared/ipc/api';

declare global {
  interface Window {
    /** Set by the preload in Electron, or by the bridge shim in a browser. */
    cairn?: CairnApi;
  }
}
