import { PREVIEW_PREFIX } from '../../shared/preview';

/**
 * The renderer's Content-Security-Policy, the one place it is decided. It goes out as a header
 * (app://, the test bridge, the dev server), which also carries frame-ancestors, unlike a meta tag.
 * Everything comes from the page's own origin; media and frames only from main's preview route on
 * `previewOrigin` (app://cairn in the app, the bridge's own origin in a browser).
 */
export function rendererCsp(previewOrigin: string, devServer = false): string {
  const previews = `${previewOrigin}${PREVIEW_PREFIX}`;
  // Only `npm run dev`: Vite's dev server injects its React refresh preamble and the CSS inline, and
  // HMR talks over a loopback WebSocket.
  const devInline = devServer ? " 'unsafe-inline'" : '';
  const devConnect = devServer ? ' ws://localhost:* ws://127.0.0.1:*' : '';
  return [
    "default-src 'none'",
    `script-src 'self'${devInline}`,
    `style-src 'self'${devInline}`,
    "img-src 'self' data: blob:",
    `media-src ${previews}`,
    `frame-src ${previews}`,
    "font-src 'self'",
    `connect-src 'self'${devConnect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
