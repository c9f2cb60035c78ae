import { protocol } from 'electron';
import { appResponse, type PreviewRoute } from './app-response';

/**
 * Must run before `app.ready`: app:// behaves like https (secure, standard, fetch allowed), and
 * streams, so that audio and video previews can play and seek with Range requests.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the built renderer from `root` on app://cairn/, and previews of the node's content under PREVIEW_PREFIX. */
export function serveAppProtocol(root: string, preview: PreviewRoute): void {
  protocol.handle('app', (request) => appResponse(request, root, preview));
}
