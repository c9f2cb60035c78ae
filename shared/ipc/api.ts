import type { Result } from '../errors';
import type { Channel, EventName } from './channels';
import type { Events, RequestIn, Responses } from './contract';

/**
 * The one object the preload (Electron) or the bridge shim (browser) puts on `window.cairn`.
 * Requests resolve to a Result; they never throw for an error main reported.
 */
export interface CairnApi {
  invoke<C extends Channel>(channel: C, request: RequestIn<C>): Promise<Result<Responses[C]>>;
  cancel(opId: string): Promise<void>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /**
   * Tells when main stops or starts answering. Only the browser bridge can lose main (the harness or
   * `dev:web` stopped); Electron's main outlives its windows, so the preload has no such method.
   */
  onConnection?(listener: (connected: boolean) => void): () => void;
  /**
   * A grant for a dropped or picked file on disk (Electron: main grants the path the preload reads
   * from the File); null in a browser, where the bytes are sent instead. `picked-folder`: the folder
   * chosen with a folder picker that this file (with its webkitRelativePath) came from.
   */
  grantForFile(file: File, scope?: 'file' | 'picked-folder'): Promise<string | null>;
  /**
   * The browser harness only: announces a file to main, which answers a grant for it at once, and
   * streams its bytes to main's disk after that, so a dropped file reaches the upload queue as
   * Electron's do, by grant, and its upload reads the bytes while they arrive.
   */
  sendFile?(file: File): Promise<string>;
  /** Electron's clipboard through main in the app, the browser clipboard in the harness. */
  copyText(text: string): Promise<void>;
  /** Where main serves a preview of a CID's content (app:// in Electron, the bridge with its token in a browser). */
  previewUrl(cid: string, name: string): string;
}
