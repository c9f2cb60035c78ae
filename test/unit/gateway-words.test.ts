import { describe, expect, it } from 'vitest';
import type { GatewayFinding, RemoteVerification } from '../../shared/ipc/contract';
import { gatewayCheckWords } from '../../renderer/features/share/gateway-words';
import { remoteWords } from '../../renderer/features/verify/remote-words';

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
      finding: { kind: 'wrong-bytes', expected: 'aa'.repeat(32), received: 'bb'.repeat(32) },
    });
    expect(words.sentence).toBe(
      'gw.example sent data that does not match the CID: it was changed or damaged on the way.',
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
      'gw sent no content but pointed elsewhere (https://other.example/ipfs/bafk?format=raw). Cairn checks only what the source you chose sends: add that gateway to check it there.',
    );
    expect(redirect.details).toBe('HTTP 302\nLocation: https://other.example/ipfs/bafk?format=raw');
    const encoded = gatewayCheckWords({
      status: 'untrustworthy',
      host: 'gw',
      finding: { kind: 'encoded', contentEncoding: 'gzip' },
    });
    expect(encoded.sentence).toBe(
      'gw sent the content compressed (gzip) without being asked to: Cairn checks the bytes as sent, so it was not checked.',
    );
    expect(encoded.details).toBe('Content-Encoding: gzip');
  });

  // The same answer judged in main the same way reads the same in Share's check and in Verify.
  it.each<[GatewayFinding, Partial<RemoteVerification>]>([
    [{ kind: 'wrong-bytes', expected: 'aa', received: 'bb' }, { outcome: 'tampered' }],
    [
      { kind: 'not-trustless', contentType: 'text/html', expectedType: 'application/vnd.ipld.raw' },
      { outcome: 'wrong-type', details: { sentType: 'text/html' } },
    ],
    [
      { kind: 'not-trustless', contentType: 'text/plain', expectedType: 'application/vnd.ipld.raw' },
      { outcome: 'wrong-type', details: { sentType: 'text/plain' } },
    ],
    [
      { kind: 'encoded', contentEncoding: 'gzip' },
      { outcome: 'wrong-type', details: { contentEncoding: 'gzip' } },
    ],
    [
      { kind: 'redirect', httpStatus: 301, location: 'http://x.localhost/' },
      { outcome: 'redirected', details: { status: 301, redirectedTo: 'http://x.localhost/' } },
    ],
    [
      { kind: 'rate-limited', retryAfter: '9' },
      { outcome: 'rate-limited', retryAfter: '9' },
    ],
    [
      { kind: 'http', httpStatus: 504 },
      { outcome: 'refused', details: { status: 504 } },
    ],
    [
      { kind: 'stalled', seconds: 5 },
      { outcome: 'timeout', details: { idleSeconds: 5 } },
    ],
    [
      { kind: 'too-large', capBytes: 4 * 1024 * 1024 },
      { outcome: 'too-large', details: { capMiB: 4 } },
    ],
    [{ kind: 'inline' }, { outcome: 'skipped', details: { skippedFor: 'inline' } }],
    [{ kind: 'unreachable', cause: 'connect ECONNREFUSED' }, { outcome: 'unreachable' }],
    [
      { kind: 'uncheckable', hashFunction: '0x1012' },
      { outcome: 'unsupported', details: { hashFunction: '0x1012' } },
    ],
    ...(['too-long', 'too-short'] as const).map((digestProblem): [GatewayFinding, Partial<RemoteVerification>] => [
      { kind: 'uncheckable', hashFunction: '0x12', digestProblem, digestBytes: 8 },
      { outcome: 'unsupported', details: { hashFunction: '0x12', digestProblem, digestBytes: 8 } },
    ]),
  ])('words %o as Verify words its verdict', (finding, verdict) => {
    const share = gatewayCheckWords({ status: 'error', host: 'gw', finding }).sentence;
    const verify = remoteWords({
      source: 'gw',
      ref: { kind: 'gateway', id: 'gw' },
      message: '',
      blocks: 0,
      bytes: 0,
      outcome: 'verified',
      ...verdict,
    }).sentence;
    expect(share).toBe(verify);
  });

  it('says a 206 or an answer cut short began as Verify says it, without blocks it did not count', () => {
    const partial = gatewayCheckWords({ status: 'error', host: 'gw', finding: { kind: 'partial' } });
    expect(partial.sentence).toBe(
      'gw sent only part of a block (HTTP 206 Partial Content) where the whole was asked for: nothing from that part was used.',
    );
    const cut = gatewayCheckWords({ status: 'error', host: 'gw', finding: { kind: 'cut-short' } });
    expect(cut.sentence).toBe('gw stopped before sending all of it.');
  });
});
