import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../shared/links/loopback';

const hostOf = (url: string) => new URL(url).hostname;

describe('isLoopback', () => {
  it.each([
    'http://localhost:8080/',
    'http://bafy.ipfs.localhost:8080/',
    'http://127.0.0.1:8080/',
    'http://127.255.255.254/',
    'http://127.1/',
    'http://2130706433/',
    'http://[::1]:8080/',
    'http://[::ffff:127.0.0.1]/',
  ])('takes %s for this machine', (url) => {
    expect(isLoopback(hostOf(url))).toBe(true);
  });

  it.each([
    'http://127.0.0.1.nip.io/',
    'http://127.attacker.example/',
    'http://127.0.0.256.example/',
    'http://localhost.example.com/',
    'http://128.0.0.1/',
    'http://[::2]/',
    'http://[::ffff:10.0.0.1]/',
    'https://dweb.link/',
  ])('does not take %s for this machine', (url) => {
    expect(isLoopback(hostOf(url))).toBe(false);
  });
});
