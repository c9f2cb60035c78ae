import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { protocol } from 'electron';
import { contentTypeFor } from '../services/content-type';
import { appUrlToFile } from './trusted-url';

/** Must run before `app.ready`: app:// behaves like https (secure, standard, fetch allowed). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `root` on app://cairn/. */
export function serveAppProtocol(root: string): void {
  protocol.handle('app', async (request) => {
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
