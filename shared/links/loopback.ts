/** A dotted IPv4 address in 127.0.0.0/8, each part 0 to 255: a name that only starts with "127." is not one. */
const LOOPBACK_IPV4 = /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** ::1, and 127.x.y.z mapped into IPv6, as the URL parser writes them. */
const LOOPBACK_IPV6 = /^\[?(::1|::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4})\]?$/i;

/**
 * Whether a URL's host name is this machine's own (localhost, *.localhost, an address in 127.0.0.0/8,
 * ::1): a link to it works only here, and offline mode may contact it. Names such as
 * 127.0.0.1.nip.io are not: they resolve through DNS, to any address.
 */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || LOOPBACK_IPV4.test(host) || LOOPBACK_IPV6.test(host);
}

/** Addresses that mean "every interface": a server listens there, no link can point there. */
const EVERY_INTERFACE: Record<string, string> = { '0.0.0.0': '127.0.0.1', '[::]': '[::1]' };

/**
 * The address a server on every interface (0.0.0.0, [::]) is reached at here: loopback, which
 * connects on every system (0.0.0.0 does not on Windows), whose links open and say they open only
 * here, and which offline mode may contact. Any other URL is returned as written.
 */
export function onLoopbackIfEverywhere(written: string): string {
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return written;
  }
  const loopback = EVERY_INTERFACE[url.hostname];
  if (!loopback) return written;
  url.hostname = loopback;
  return url.origin;
}
