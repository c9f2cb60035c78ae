import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { contentTypeFor } from '../services/content-type';
import { fileInFolder } from '../services/folder-file';

/**
 * Serves the built renderer with its CSP; anything outside its folder is a 404, whatever the path
 * says or a link in the folder points at. This route asks for no token, nor Host: what it serves,
 * any page on the machine can read (through DNS rebinding).
 */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, csp: string): Promise<void> {
  const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const named = normalize(join(root, relative));
  const file = await fileInFolder(root, named);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeFor(named),
    'Content-Length': file.size,
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(file.path).pipe(res);
}
