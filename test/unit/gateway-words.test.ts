import { describe, expect, it } from 'vitest';
import { gatewayCheckWords } from '../../renderer/features/share/gateway-words';

describe('a gateway check in words, written in the renderer from the finding', () => {
  it('explains a 504 plainly and keeps the status for Details', () => {
    const words = gatewayCheckWords({
      status: 'error',
      host: 'gw.example:8080',
      finding: { kind: 'http', httpStatus: 504 },
      latencyMs: 12,
    });
    expect(words.sentence).toMatch(
      /^gw\.example:8080 timed out looking for the content\. .*pin it to a pinning service/,
    );
    expect(words.sentence).not.toContain('504');
    expect(words.details).toBe('HTTP 504');
  });

  it('says bytes do not match, with the digests only in Details', () => {
    const words = gatewayCheckWords({
      status: 'untrustworthy',
      host: 'gw.example',
      finding: { kind: 'wrong-bytes', expected: 'aa'.repeat(32), received: 'bb'.repeat(32), html: true },
    });
    expect(words.sentence).toBe(
      'gw.example answered with bytes that do not match the CID. It sent an HTML page instead of the block.',
    );
    expect(words.details).toBe(`Expected digest: ${'aa'.repeat(32)}\nReceived digest: ${'bb'.repeat(32)}`);
  });

  it('gives the wait a rate-limiting gateway asks for, in seconds or until a date', () => {
    const limited = (retryAfter: string | null) =>
      gatewayCheckWords({ status: 'rate-limited', host: 'gw', finding: { kind: 'rate-limited', retryAfter } }).sentence;
    expect(limited('30')).toBe('gw is rate limiting requests. It asks to wait 30 s.');
    expect(limited('Wed, 21 Oct 2026 07:28:00 GMT')).toBe(
      'gw is rate limiting requests. It asks to wait until Wed, 21 Oct 2026 07:28:00 GMT.',
    );
    expect(limited(null)).toBe('gw is rate limiting requests.');
  });

  it('says a gateway redirected or compressed the block, with the status, address and coding in Details', () => {
    const redirect = gatewayCheckWords({
      status: 'error',
      host: 'gw',
      finding: { kind: 'redirect', httpStatus: 302, location: 'https://other.example/ipfs/bafk?format=raw' },
    });
    expect(redirect.sentence).toBe(
      'gw pointed elsewhere instead of sending the block: Cairn follows no redirect, so it could not check it.',
    );
    expect(redirect.details).toBe('HTTP 302\nLocation: https://other.example/ipfs/bafk?format=raw');
    const encoded = gatewayCheckWords({
      status: 'untrustworthy',
      host: 'gw',
      finding: { kind: 'encoded', contentEncoding: 'gzip' },
    });
    expect(encoded.sentence).toBe(
      'gw sent the block compressed without being asked to, so its bytes cannot be checked as sent.',
    );
    expect(encoded.details).toBe('Content-Encoding: gzip');
  });
});
