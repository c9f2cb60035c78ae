import { describe, expect, it } from 'vitest';
import { dialableOrigins } from '../../electron/services/pins/origins';
import {
  backoffMs,
  defaultRetryPolicy,
  isTransient,
  nextAttemptDelay,
  nextCheckDelay,
  pollIntervalMs,
  retryAfterMs,
} from '../../electron/services/pins/retry-policy';

const now = Date.parse('2026-11-25T00:00:00Z');

describe('the pinning retry policy', () => {
  it.each([
    [{ network: true } as const, true],
    [{ status: 429 }, true],
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ status: 501 }, false],
    [{ status: 400 }, false],
    [{ status: 401 }, false],
    [{ status: 404 }, false],
  ])('%j is transient: %s', (outcome, transient) => {
    expect(isTransient(outcome)).toBe(transient);
  });

  it.each([
    ['3', 3000],
    [' 0 ', 0],
    ['Wed, 25 Nov 2026 00:00:10 GMT', 10_000],
    ['Wed, 24 Nov 2026 23:00:00 GMT', 0],
    ['soon', null],
    [null, null],
  ])('reads Retry-After %j as %j ms', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4].map((failures) => backoffMs(failures))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(40)).toBe(defaultRetryPolicy.maxDelayMs);
  });

  it('retries a transient failure within the attempts, waits what Retry-After says, gives up on the rest', () => {
    expect(nextAttemptDelay({ status: 500 }, 1, now)).toBe(500);
    expect(nextAttemptDelay({ status: 500 }, 2, now)).toBe(1000);
    expect(nextAttemptDelay({ status: 500 }, 3, now)).toBeNull();
    expect(nextAttemptDelay({ network: true }, 1, now)).toBe(500);
    expect(nextAttemptDelay({ status: 429, retryAfter: '2' }, 1, now)).toBe(2000);
    // Longer than a call may wait: the caller reschedules instead.
    expect(nextAttemptDelay({ status: 429, retryAfter: '60' }, 1, now)).toBeNull();
    expect(nextAttemptDelay({ status: 401 }, 1, now)).toBeNull();
    expect(nextAttemptDelay({ status: 400 }, 1, now)).toBeNull();
  });

  it('polls young requests often and old ones rarely', () => {
    const minute = 60_000;
    expect(pollIntervalMs(10_000)).toBe(5_000);
    expect(pollIntervalMs(5 * minute)).toBe(30_000);
    expect(pollIntervalMs(30 * minute)).toBe(2 * minute);
    expect(pollIntervalMs(24 * 60 * minute)).toBe(10 * minute);
    expect(pollIntervalMs(10_000, 0.1)).toBe(500);
  });

  it('after trouble, waits longer with each error and never less than Retry-After', () => {
    expect(nextCheckDelay({ ageMs: 0, errors: 0 })).toBe(5_000);
    expect(nextCheckDelay({ ageMs: 0, errors: 1 })).toBe(5_000);
    expect(nextCheckDelay({ ageMs: 0, errors: 3 })).toBe(20_000);
    expect(nextCheckDelay({ ageMs: 0, errors: 30 })).toBe(defaultRetryPolicy.maxDelayMs);
    expect(nextCheckDelay({ ageMs: 0, errors: 1, retryAfterMs: 120_000 })).toBe(120_000);
  });

  it('never waits an endless time: huge error counts reach the cap, huge Retry-Afters a day', () => {
    expect(nextCheckDelay({ ageMs: 0, errors: 1e300 })).toBe(defaultRetryPolicy.maxDelayMs);
    expect(nextCheckDelay({ ageMs: 0, errors: 1e300, scale: 0 })).toBe(0);
    expect(nextCheckDelay({ ageMs: 0, errors: 1, retryAfterMs: Infinity })).toBe(24 * 60 * 60_000);
    expect(nextCheckDelay({ ageMs: 0, errors: 1, retryAfterMs: 1e300, scale: 0.5 })).toBe(12 * 60 * 60_000);
  });
});

describe('origins sent with a pin', () => {
  const peer = '12D3KooWJELNdhBEWWqC3KruP312TWnrnSaC74T8PdEpCHJNDehD';
  const addresses = [
    '/ip4/127.0.0.1/tcp/4001',
    '/ip4/192.168.1.20/tcp/4001',
    '/ip4/10.0.0.2/udp/4001/quic-v1',
    '/ip4/100.80.1.1/tcp/4001',
    '/ip6/::1/tcp/4001',
    '/ip6/fe80::1/tcp/4001',
    '/ip4/198.51.100.7/tcp/4001',
    `/ip6/2001:db8::7/udp/4001/quic-v1/p2p/${peer}`,
    '/dns4/node.example.net/tcp/443/wss',
  ];

  it('keeps the publicly dialable addresses, each with the peer id', () => {
    expect(dialableOrigins(addresses, peer, false)).toEqual([
      `/ip4/198.51.100.7/tcp/4001/p2p/${peer}`,
      `/ip6/2001:db8::7/udp/4001/quic-v1/p2p/${peer}`,
      `/dns4/node.example.net/tcp/443/wss/p2p/${peer}`,
    ]);
  });

  it('sends none in offline mode', () => {
    expect(dialableOrigins(addresses, peer, true)).toEqual([]);
  });
});
