/**
 * The node's addresses a pinning service could dial to fetch content (the API's `origins`):
 * none offline, and none that only make sense on this machine or its LAN.
 */
export function dialableOrigins(addresses: string[], peerId: string, offline: boolean): string[] {
  if (offline) return [];
  return [
    ...new Set(
      addresses
        .filter((address) => isPublic(address))
        .map((address) => (address.includes('/p2p/') ? address : `${address}/p2p/${peerId}`)),
    ),
  ];
}

function isPublic(address: string): boolean {
  const [, protocol, host] = address.split('/');
  if (protocol === 'dns' || protocol === 'dns4' || protocol === 'dns6') return host !== 'localhost';
  if (protocol === 'ip4' && host) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return !(
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (protocol === 'ip6' && host) {
    const lower = host.toLowerCase();
    return !(
      lower === '::1' ||
      lower === '::' ||
      lower.startsWith('fe80') ||
      lower.startsWith('fc') ||
      lower.startsWith('fd')
    );
  }
  return false;
}
