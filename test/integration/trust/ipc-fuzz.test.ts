import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodePlatform } from '../../../electron/bridge/node-platform';
import type { EventSink } from '../../../electron/ipc/types';
import type { Result } from '../../../shared/errors';
import { channelNames, type Channel } from '../../../shared/ipc/channels';
import { mfsNameSchema, mfsPathSchema, requestSchemas } from '../../../shared/ipc/contract';
import { gatewaySchema, rpcAddressSchema, serviceEndpointSchema } from '../../../shared/settings';
import { caller } from '../../harness/call';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { guardLoopback } from '../../harness/loopback-guard';
import { startTestHost, type TestHost } from '../../harness/host';
import { startPinningService, type TestPinningService } from '../../harness/pinning-service';
import { arbitraryOf, type Overrides } from '../../harness/zod-arbitrary';

/** At least 10,000 requests in all; FUZZ_SEED replays a failing run. */
const RUNS_PER_CHANNEL = Math.ceil(10_000 / channelNames.length);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

/** Other hosts only in forms every address field refuses (credentials, another scheme, not TCP). */
const refusedElsewhere = [
  'http://user:secret@evil.example',
  'https://evil.example:443@evil.example/',
  'ftp://evil.example/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '/ip4/10.0.0.5/udp/5001',
  'ws://evil.example',
];

const hostileText = [
  '',
  ' ',
  '\0',
  'a\0b',
  '.',
  '..',
  '../../../../etc/passwd',
  '..\\..\\..\\Users\\Public\\evil.txt',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  '\\\\server\\share\\file',
  '/etc/passwd',
  '/ipfs/../../etc',
  'CON',
  'nul.txt',
  'name. ',
  'COM1',
  '%2e%2e%2f%2e%2e%2f',
  '\u202egnp.exe',
  '\n\r\t',
  '__proto__',
  'constructor',
  'prototype',
  'example.com',
  '/ipns/example.com',
  'ipns://example.com',
  ...refusedElsewhere,
];

/** What a compromised renderer may send instead of a valid leaf: wrong types, huge or odd strings, pollution, depth. */
function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, undefined, 0, -1, 1e308, Number.NaN, true, [], {}, '', 2 ** 53),
    // What Electron's structured clone carries and JSON does not.
    fc.constantFrom<unknown>(
      10n,
      new Date(Number.NaN),
      new Date(0),
      new Map([['a', 1]]),
      new Set(['/']),
      new Uint8Array(4),
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      new Float64Array([Number.NaN]),
      Array<string>(2).fill('/', 1),
      new ArrayBuffer(8),
      new Error('x'),
      /x/g,
      -(2 ** 53),
      0.5,
      1e-320,
    ),
    fc.constantFrom(...hostileText),
    fc.constantFrom('x'.repeat(100_000), '\0'.repeat(10_000), '../'.repeat(2_000), '\u{1F600}'.repeat(5_000)),
    fc.constantFrom(
      JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
      JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
    ),
    fc.integer({ min: 100, max: 2_000 }).map((depth) => nested(depth)),
    fc.anything({ maxDepth: 3 }),
  );
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

/** Replaces the `index`-th leaf (modulo their count) of a value with `replacement`, or adds an own `__proto__` key. */
function mutate(value: unknown, index: number, replacement: unknown): unknown {
  const leaves: { parent: Record<string, unknown>; key: string }[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return;
    for (const [key, child] of Object.entries(node)) {
      leaves.push({ parent: node as Record<string, unknown>, key });
      walk(child);
    }
  };
  walk(value);
  const leaf = leaves[index % Math.max(leaves.length, 1)];
  if (!leaf) return replacement;
  leaf.parent[leaf.key] = replacement;
  return value;
}

/** The files and folders under `root`, with sizes and modification times, skipping `skip`. */
async function snapshot(root: string, skip: string[]): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (skip.includes(path)) continue;
      const info = await stat(path);
      seen.set(path, `${entry.isDirectory() ? 'dir' : info.size}:${info.mtimeMs}`);
      if (entry.isDirectory()) await walk(path);
    }
  }
  await walk(root);
  return seen;
}

/**
 * Every channel of the contract, fed generated and hostile payloads through the real dispatcher
 * against a real offline Kubo. No channel is left out: the bridge's platform answers dialogs from a
 * folder, so those that open dialogs run headless too.
 */
describe('IPC fuzz', () => {
  let root: string;
  let home: string;
  let node: TestKubo;
  let service: TestPinningService;
  let host: TestHost;
  const previous = { HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  const secrets = {
    profileToken: 'fuzz-secret-profile-token-7f3a91',
    headerValue: 'fuzz-secret-header-value-b81c22',
    serviceToken: '',
  };
  let guard: ReturnType<typeof guardLoopback>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cairn-fuzz-'));
    home = join(root, 'home');
    await mkdir(join(home, '.config'), { recursive: true });
    await writeFile(join(home, 'precious.txt'), 'must stay as it is');
    // Any socket this process opens to another host is recorded and refused before it leaves.
    guard = guardLoopback();
    node = await startKubo();
    service = await startPinningService();
    secrets.serviceToken = service.token;
    // The home and temporary folders Cairn sees are under the watched folder too.
    process.env.HOME = home;
    process.env.TMPDIR = join(root, 'tmp');
    await mkdir(process.env.TMPDIR);
    const dataDir = join(root, 'data');
    await mkdir(join(dataDir, 'exports'), { recursive: true });
    await writeFile(join(dataDir, 'exports', 'chosen.txt'), 'a file the user chose');
    host = await startTestHost(node, {
      dataDir,
      pinPollScale: 0.01,
      platform: createNodePlatform({ dialogDir: join(dataDir, 'exports') }),
    });
  });

  afterAll(async () => {
    guard.restore();
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
    await host.stop();
    await Promise.all([service.stop(), node.stop()]);
    await rm(root, { recursive: true, force: true });
  });

  it('answers every channel with a Result, never INTERNAL, writes only in its data folder and leaks no secret', async () => {
    const { call } = caller(host.dispatcher);
    // Known secrets first: a pinning service's token, a remote profile's token and header value.
    const saved = await call('pins.saveService', {
      service: { name: 'Seeded', preset: 'custom', endpoint: service.endpoint, token: secrets.serviceToken },
    });
    const withProfile = await call('node.saveProfile', {
      profile: {
        name: 'Seeded node',
        url: node.apiUrl,
        auth: 'bearer',
        username: '',
        secret: secrets.profileToken,
        headers: [{ name: 'X-Seeded', value: secrets.headerValue }],
      },
    });
    const added = await node.ipfs('add', '-Q', '--pin=false', join(host.dataDir, 'exports', 'chosen.txt'));
    const known = [
      ...saved.pins.services.map((entry) => entry.id),
      ...withProfile.node.profiles.map((entry) => entry.id),
      host.services.grants.grant(join(host.dataDir, 'exports', 'chosen.txt')),
      host.services.grants.grant(join(host.dataDir, 'exports')),
      added.trim(),
      `/ipfs/${added.trim()}`,
      'self',
      '/',
      'embedded',
    ];
    const before = await snapshot(root, [host.dataDir]);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

    const events: unknown[] = [];
    const sink: EventSink = { send: (event, payload) => events.push({ event, payload }) };
    host.hub.add(sink);

    const extra = fc.constantFrom(...hostileText, ...known);
    // Addresses Cairn would dial stay on loopback (the test's Kubo and pinning service, or a closed
    // port), or take a form every address field refuses before anything is dialed.
    const dialable = fc.constantFrom(node.apiUrl, service.endpoint, 'http://127.0.0.1:9', 'http://[::1]:9');
    const addresses = fc.oneof(dialable, fc.constantFrom(...refusedElsewhere, '/ip4/127.0.0.1/tcp/9'));
    // Files paths and names mostly of a small tree, so that requests reach the handlers and the node.
    const name = fc.oneof(
      fc.constantFrom('fuzz', 'chosen.txt', 'a b', '-dash', 'ünï'),
      fc.stringMatching(/^[a-z]{1,6}$/),
    );
    const mfsPath = fc.oneof(
      fc.constant('/'),
      name.map((entry) => `/${entry}`),
      name.map((entry) => `/fuzz/${entry}`),
      fc.constantFrom(...hostileText),
    );
    const overrides: Overrides = new Map<unknown, fc.Arbitrary<unknown>>([
      [mfsPathSchema, mfsPath],
      [mfsNameSchema, fc.oneof(name, fc.constantFrom(...hostileText))],
      [rpcAddressSchema, addresses],
      [serviceEndpointSchema, addresses],
      [gatewaySchema.shape.url, addresses],
    ]) as Overrides;

    // The services' log lines (thousands of refusals) go to a list instead of the console, and are
    // searched for secrets with the answers and events.
    const logged: string[] = [];
    const toList = (...parts: unknown[]) => {
      logged.push(parts.map(String).join(' '));
    };
    const quiet = [
      vi.spyOn(console, 'log').mockImplementation(toList),
      vi.spyOn(console, 'warn').mockImplementation(toList),
      vi.spyOn(console, 'error').mockImplementation(toList),
    ];
    const answers: { channel: Channel; result: Result<unknown> }[] = [];
    async function fuzzEveryChannel(): Promise<void> {
      for (const channel of channelNames) {
        const valid = arbitraryOf(requestSchemas[channel], overrides, extra);
        const payload = fc.oneof(
          { weight: 5, arbitrary: valid },
          {
            weight: 4,
            arbitrary: fc
              .tuple(valid, fc.nat(), hostileValue())
              .map(([value, index, bad]) => mutate(structuredClone(value), index, bad)),
          },
          { weight: 1, arbitrary: hostileValue() },
        );
        await fc.assert(
          fc.asyncProperty(payload, async (generated) => {
            // As IPC would carry it: a structured clone, so no getters, functions or shared references.
            const request = structuredClone(generated);
            const result = await host.dispatcher.dispatch(channel, request, sink);
            answers.push({ channel, result });
            expect(result).toHaveProperty('ok');
            if (!result.ok) expect(result.error.code, `${channel}: ${result.error.message}`).not.toBe('INTERNAL');
          }),
          { seed: SEED + channelNames.indexOf(channel), numRuns: RUNS_PER_CHANNEL, endOnFailure: true },
        );
      }
    }
    try {
      await fuzzEveryChannel();
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }

    expect(answers.length).toBeGreaterThanOrEqual(10_000);
    const tally = (keep: (result: Result<unknown>) => boolean) => answers.filter(({ result }) => keep(result)).length;
    console.info(
      `fuzz: ${answers.length} requests, ${tally((result) => result.ok)} answered ok, ${tally((result) => !result.ok && result.error.message.startsWith('Invalid request'))} refused by a schema`,
    );
    // Each channel's handler was reached at least once (its schema let a payload through), or the fuzzing proved little.
    const schemaRefusal = (result: Result<unknown>) => !result.ok && result.error.message.startsWith('Invalid request');
    const reached = new Set(answers.filter(({ result }) => !schemaRefusal(result)).map(({ channel }) => channel));
    expect(channelNames.filter((channel) => !reached.has(channel))).toEqual([]);

    expect(logged.length).toBeGreaterThan(0);
    const said = JSON.stringify([answers, events, logged], (_key, value: unknown) =>
      value instanceof Uint8Array ? `<${value.byteLength} bytes>` : value,
    );
    for (const secret of Object.values(secrets)) {
      expect(said).not.toContain(secret);
      expect(said).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(guard.dialed).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot(root, [host.dataDir])).toEqual(before);
  });

  it('refuses other hosts before dialing: bad addresses by their schema, good ones by offline mode', async () => {
    const refusals = refusedElsewhere.flatMap((url): [Channel, unknown][] => [
      ['node.testConnection', { profile: { name: 'n', url, auth: 'none', username: '', secret: '', headers: [] } }],
      ['pins.testService', { service: { name: 's', preset: 'custom', endpoint: url, token: 't' } }],
      ['share.checkGateway', { gateway: { url, style: 'path' } }],
    ]);
    for (const [channel, payload] of refusals) {
      const result = await host.dispatcher.dispatch(channel, payload, { send: () => undefined });
      expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    const { call } = caller(host.dispatcher);
    expect(
      await call('share.checkGateway', { gateway: { url: 'https://gateway.example', style: 'path' } }),
    ).toMatchObject({
      status: 'skipped',
    });
    const dnslink = await host.dispatcher.dispatch('ipns.resolve', { input: 'example.com' }, { send: () => undefined });
    expect(dnslink).toMatchObject({ ok: false, error: { code: 'DNS_OFFLINE' } });
    expect(guard.dialed).toEqual([]);
  });
});
