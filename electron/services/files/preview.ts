import { AppError } from '../../../shared/errors';
import { PREVIEW_PREFIX, previewKindOf, TEXT_PREVIEW_BYTES, type PreviewKind } from '../../../shared/preview';
import { cidArgument } from '../content-argument';
import type { KuboClient } from '../kubo/kubo-client';

const STREAM_TIMEOUT_MS = 60 * 60_000;
const SNIFF_BYTES = 512;

/**
 * Headers every preview carries, PDF included. Whatever the bytes, the answer cannot run: no
 * sniffing, and a sandbox without scripts (an SVG opened on its own, say). Chromium's out-of-process
 * PDF viewer renders inside that sandbox (test/e2e/content-security.spec.ts shows it).
 */
const SAFETY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'",
  'Cross-Origin-Resource-Policy': 'same-origin',
};
/** Content by CID never changes; errors (the node not started yet, say) must not be cached. */
const CACHED = { 'Cache-Control': 'private, max-age=31536000, immutable' };

/**
 * Answers `GET <PREVIEW_PREFIX><cid>?name=<name>` from the node's own blockstore: the content type
 * from the name (or the first bytes when the name says nothing), Range for audio and video, text
 * capped at TEXT_PREVIEW_BYTES. One function behind Electron's app:// route and the test bridge's.
 */
export async function previewResponse(kubo: () => KuboClient, url: URL, range: string | null): Promise<Response> {
  try {
    const cid = cidOf(decodeURIComponent(url.pathname.slice(PREVIEW_PREFIX.length)));
    const name = url.searchParams.get('name') ?? '';
    const node = kubo();
    const { Size: size } = await node.call<{ Size: number }>('files/stat', {
      arg: `/ipfs/${cid}`,
      offline: 'true',
    });
    const known = previewKindOf(name) ?? (await sniff(node, cid));
    if (!known) {
      return new Response('No preview for this kind of file.', {
        status: 415,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SAFETY_HEADERS, ...CACHED },
      });
    }
    const headers = { 'Content-Type': known.type, ...SAFETY_HEADERS, ...CACHED };
    if (known.kind === 'text') {
      const length = Math.min(size, TEXT_PREVIEW_BYTES);
      const truncated = String(size > TEXT_PREVIEW_BYTES);
      return await stream(node, cid, 0, length, 200, {
        ...headers,
        'Content-Length': String(length),
        'X-Cairn-Truncated': truncated,
      });
    }
    const wanted = parseRange(range, size);
    if (wanted === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
    }
    if (!wanted) {
      return await stream(node, cid, 0, size, 200, {
        ...headers,
        'Content-Length': String(size),
        'Accept-Ranges': 'bytes',
      });
    }
    const length = wanted.end - wanted.start + 1;
    return await stream(node, cid, wanted.start, length, 206, {
      ...headers,
      'Content-Length': String(length),
      'Content-Range': `bytes ${wanted.start}-${wanted.end}/${size}`,
      'Accept-Ranges': 'bytes',
    });
  } catch (error) {
    const status = error instanceof AppError ? statusOf(error.code) : 502;
    const message = error instanceof Error ? error.message : String(error);
    return new Response(message, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...SAFETY_HEADERS },
    });
  }
}

async function stream(
  node: KuboClient,
  cid: string,
  offset: number,
  length: number,
  status: 200 | 206,
  headers: Record<string, string>,
): Promise<Response> {
  if (length === 0) return new Response(null, { status, headers });
  const params = { arg: cid, offset: String(offset), length: String(length), offline: 'true' };
  return new Response(await node.stream('cat', params, { timeoutMs: STREAM_TIMEOUT_MS }), { status, headers });
}

/** The first bytes tell images and PDF apart; UTF-8 without NULs reads as text; anything else is not previewed. */
async function sniff(node: KuboClient, cid: string): Promise<{ kind: PreviewKind; type: string } | null> {
  const bytes = await node.bytes('cat', { arg: cid, length: String(SNIFF_BYTES), offline: 'true' });
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { kind: 'image', type: 'image/png' };
  if (starts(0xff, 0xd8, 0xff)) return { kind: 'image', type: 'image/jpeg' };
  if (starts(0x47, 0x49, 0x46, 0x38)) return { kind: 'image', type: 'image/gif' };
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') {
    return { kind: 'image', type: 'image/webp' };
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return { kind: 'pdf', type: 'application/pdf' };
  if (bytes.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, trimToCharBoundary(bytes)));
    return { kind: 'text', type: 'text/plain; charset=utf-8' };
  } catch {
    return null;
  }
}

/** Drops a UTF-8 sequence cut at the end of the sample, so that it does not read as invalid. */
function trimToCharBoundary(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) return end - back;
    if ((byte & 0xc0) !== 0x80) break;
  }
  return end;
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; null for none or one this does not serve (multiple). */
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const suffix = match[1] === '';
  const start = suffix ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = suffix || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

function cidOf(text: string): string {
  return cidArgument(text).toString();
}

function statusOf(code: string): number {
  if (code === 'VALIDATION') return 400;
  if (code === 'NOT_FOUND') return 404;
  if (code === 'NODE_UNAVAILABLE') return 503;
  return 502;
}
