import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { contentTypeFor } from '../services/content-type';
import { fileInFolder } from '../services/folder-file';
import { PREVIEW_PREFIX } from '../../shared/preview';
import { rendererCsp } from './renderer-csp';
import { APP_ORIGIN, appUrlToFile } from './trusted-url';

export type PreviewRoute = (url: URL, range: string | null) => Promise<Response>;

const PAGE_CSP = rendererCsp(APP_ORIGIN);
/** For answers that are not the app (refusals, missing files): nothing in them may load or run. */
const NOTHING_CSP = "sandbox; default-src 'none'";

/**
 * The answer to one app:// request, in plain Node so that its headers are tested without Electron:
 * the built renderer from `root` with the app's CSP, previews from `preview` (which set their own
 * sandboxing CSP), and refusals that carry a CSP too.
 */
export async function appResponse(request: Request, root: string, preview: PreviewRoute): Promise<Response> {
  // Nothing on app:// takes a body or changes anything.
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
  const url = new URL(request.url);
  if (`app://${url.host}` === APP_ORIGIN && url.pathname.startsWith(PREVIEW_PREFIX)) {
    return preview(url, request.headers.get('range'));
  }
  const named = appUrlToFile(request.url, root, sep);
  if (!named) return refusal(403, 'forbidden');
  // A link in the folder is followed only to another file of the folder.
  const file = await fileInFolder(root, named);
  const body = file && (await readFile(file.path).catch(() => null));
  if (!body) return refusal(404, 'not found');
  return new Response(body, {
    headers: {
      'Content-Type': contentTypeFor(named),
      'Content-Security-Policy': PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

function refusal(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': NOTHING_CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
