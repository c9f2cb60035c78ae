import { multiaddr } from '@multiformats/multiaddr';
import { onLoopbackIfEverywhere } from './links/loopback';

/**
 * `/ip4/127.0.0.1/tcp/5001` -> `http://127.0.0.1:5001`, as Kubo writes its `api` file. A listening
 * address on every interface (`/ip4/0.0.0.0`, as Addresses.API may say) is dialed on loopback.
 */
export function multiaddrToHttpUrl(address: string): string {
  const components = multiaddr(address.trim()).getComponents();
  let host: string | undefined;
  let port: string | undefined;
  let secure = false;
  for (const { name, value } of components) {
    if (name === 'ip4' || name === 'dns' || name === 'dns4' || name === 'dns6') host = value;
    else if (name === 'ip6') host = `[${value}]`;
    else if (name === 'tcp') port = value;
    else if (name === 'tls' || name === 'https') secure = true;
  }
  if (host === undefined || port === undefined) throw new Error(`not a TCP address: ${address}`);
  return onLoopbackIfEverywhere(`${secure ? 'https' : 'http'}://${host}:${port}`);
}
