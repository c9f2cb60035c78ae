import { describe, expect, it } from 'vitest';
import { multiaddrToHttpUrl } from '../../shared/multiaddr-url';

describe('multiaddrToHttpUrl', () => {
  it.each([
    ['/ip4/127.0.0.1/tcp/5001', 'http://127.0.0.1:5001'],
    ['/ip4/127.0.0.1/tcp/5001\n', 'http://127.0.0.1:5001'],
    ['/ip6/::1/tcp/5001', 'http://[::1]:5001'],
    ['/dns4/node.example/tcp/443/https', 'https://node.example:443'],
    // Where a node listens on every interface (its Addresses.API), it is reached here on loopback.
    ['/ip4/0.0.0.0/tcp/5001', 'http://127.0.0.1:5001'],
    ['/ip6/::/tcp/5001', 'http://[::1]:5001'],
  ])('%s -> %s', (address, url) => {
    expect(multiaddrToHttpUrl(address)).toBe(url);
  });

  it('refuses an address without TCP', () => {
    expect(() => multiaddrToHttpUrl('/ip4/127.0.0.1/udp/4001/quic-v1')).toThrow(/not a TCP address/);
  });
});
