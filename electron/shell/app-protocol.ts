import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { protocol } from 'electron';
import { contentTypeFor } from '../services/content-type';
import { PREVIEW_PREFIX } from '../../shared/preview';
import { APP_ORIGIN, appUrlToFile } from './trusted-url';

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
export function serveAppProtocol(root: string, preview: (url: URL, range: string | null) => Promise<Response>): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (`app://${url.host}` === APP_ORIGIN && url.pathname.startsWith(PREVIEW_PREFIX)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
      return preview(url, request.headers.get('range'));
    }
    const file = appUrlToFile(request.url, root, sep);
    if (!file) return new Response('forbidden', { status: 403 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeFor(file),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
