import { parseWebUrl, type WebUrl } from '../../shared/links/web-url';

/** Only http(s) URLs leave the app for the user's browser; anything else (file:, javascript:, custom schemes) is refused. */
export function parseExternalUrl(raw: string): WebUrl | null {
  const url = parseWebUrl(raw);
  if (!url || url.username || url.password) return null;
  return url;
}
