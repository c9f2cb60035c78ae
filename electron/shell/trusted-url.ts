import { PREVIEW_PREFIX } from '../../shared/preview';

/** The renderer is served from app://cairn in the app; electron-vite's dev server in `npm run dev`. */
export const APP_ORIGIN = 'app://cairn';

/**
 * Whether a frame at this URL may talk to main, or navigate at all. A preview, on the app's own
 * origin, is content from IPFS: never the app (its sandbox runs no script; this holds without it).
 * Pure, for unit tests.
 */
export function isTrustedRendererUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const parsed = onTrustedOrigin(url, trustedOrigins);
  return parsed !== null && !parsed.pathname.startsWith(PREVIEW_PREFIX);
}

/** Whether an IPC message comes from the app's own top-level page (not a frame in it, not a preview). */
export function isTrustedSender(
  event: { senderFrame: { url: string } | null; sender: { mainFrame: unknown } },
  trustedOrigins: readonly string[],
): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isTrustedRendererUrl(frame.url, trustedOrigins);
}

/**
 * Whether a frame may navigate to `url`: the top-level page only within the app, a frame in it
 * (a preview) only on the app's origins; never to the web, a file or another scheme.
 */
export function navigationAllowed(
  { url, isMainFrame }: { url: string; isMainFrame: boolean },
  trustedOrigins: readonly string[],
): boolean {
  if (isMainFrame) return isTrustedRendererUrl(url, trustedOrigins);
  return url === 'about:blank' || onTrustedOrigin(url, trustedOrigins) !== null;
}

function onTrustedOrigin(url: string, trustedOrigins: readonly string[]): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // Chromium reports 'null' as the origin of non-special schemes; rebuild it from the parts.
  const origin = parsed.protocol === 'app:' ? `app://${parsed.host}` : parsed.origin;
  return trustedOrigins.includes(origin) ? parsed : null;
}

/**
 * The file under `root` that an app:// URL names, or null for anything that tries to leave it.
 * `root` must be absolute and use the platform's separators.
 */
export function appUrlToFile(url: string, root: string, separator: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`app://${parsed.host}` !== APP_ORIGIN) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..' || segment.includes('\\') || segment.includes('\0'))) return null;
  if (segments.length === 0) segments.push('index.html');
  return [root, ...segments].join(separator);
}
