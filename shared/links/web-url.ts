/** What Cairn reads of an http(s) URL. */
export type WebUrl = Pick<
  URL,
  'href' | 'protocol' | 'host' | 'hostname' | 'port' | 'pathname' | 'search' | 'searchParams' | 'username' | 'password'
>;

/** A host name of ASCII labels, `_` included (DNSLink names such as _site.example have one). */
const ASCII_HOST = /^(https?:)\/\/([a-z0-9_.-]+)(:\d{1,5})?(?=[/?#]|$)/i;
const SET_ASIDE = 'host.invalid';

/**
 * An http(s) URL as a browser reads it, or null. Node's URL parser, unlike Chromium's, refuses a host
 * label that starts with `xn--` but is not punycode, such as `xn----bcher--kva-example`: the label a
 * subdomain gateway gives the DNSLink name xn--bcher-kva.example (dashes doubled, dots as dashes),
 * which Kubo's gateway serves. Such a host is set aside while the rest of the URL is parsed.
 */
export function parseWebUrl(text: string): WebUrl | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    // below: a host only Node refuses
  }
  const match = ASCII_HOST.exec(text);
  if (!match?.[1] || !match[2]) return null;
  let url: URL;
  try {
    url = new URL(`${match[1]}//${SET_ASIDE}${match[3] ?? ''}${text.slice(match[0].length)}`);
  } catch {
    return null;
  }
  const hostname = match[2].toLowerCase();
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  return {
    href: url.href.replace(`//${SET_ASIDE}`, `//${hostname}`),
    protocol: url.protocol,
    host,
    hostname,
    port: url.port,
    pathname: url.pathname,
    search: url.search,
    searchParams: url.searchParams,
    username: '',
    password: '',
  };
}
