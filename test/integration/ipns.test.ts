import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../electron/ipc/host';
import type { EventSink } from '../../electron/ipc/types';
import { publishName } from '../../electron/services/ipns/records';
import { resolveName } from '../../electron/services/ipns/resolve';
import type { ErrorCode, Result } from '../../shared/errors';
import type { Channel } from '../../shared/ipc/channels';
import type { Binding, RequestIn, Responses } from '../../shared/ipc/contract';
import { startEmbeddedHost, startTestHost } from '../harness/host';
import { startKubo } from '../harness/kubo';
import { until } from '../harness/until';
import { rpcClient } from '../harness/rpc-client';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';

const sink: EventSink = { send: () => undefined };
let dataDir: string;
let dialogDir: string;
let host: Host;

async function request<C extends Channel>(channel: C, payload: RequestIn<C>): Promise<Result<Responses[C]>> {
  return (await host.dispatcher.dispatch(channel, payload, sink)) as Result<Responses[C]>;
}

async function ok<C extends Channel>(channel: C, payload: RequestIn<C>): Promise<Responses[C]> {
  const result = await request(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function refused<C extends Channel>(channel: C, payload: RequestIn<C>, code: ErrorCode): Promise<string> {
  const result = await request(channel, payload);
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  return result.ok ? '' : result.error.message;
}

/** Kubo's own CLI answer for a Files path, to compare with what Cairn published. */
async function folderCid(path: string): Promise<string> {
  const stat = await rpcClient(host.services.node).files.stat(path);
  return stat.cid.toString();
}

async function addText(text: string): Promise<string> {
  return (await rpcClient(host.services.node).add(text)).cid.toString();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cairn-ipns-'));
  dialogDir = await mkdtemp(join(tmpdir(), 'cairn-ipns-dialogs-'));
  host = await startEmbeddedHost(dataDir, dialogDir);
});

afterAll(async () => {
  await host.dispose();
  await rm(dataDir, { recursive: true, force: true });
  await rm(dialogDir, { recursive: true, force: true });
});

describe('keys', () => {
  it('creates, renames, exports, removes and imports a key, and keeps self', async () => {
    const created = await ok('ipns.createKey', { name: 'blog' });
    expect(created.id).toMatch(/^k51[0-9a-z]+$/);
    const keys = await ok('ipns.keys', {});
    expect(keys.find((key) => key.name === 'self')).toMatchObject({ protected: true });
    expect(keys.find((key) => key.name === 'blog')).toEqual({ name: 'blog', id: created.id, protected: false });

    expect(await refused('ipns.createKey', { name: 'blog' }, 'ALREADY_EXISTS')).toBe(
      'A key named “blog” already exists: choose another name.',
    );
    const renamed = await ok('ipns.renameKey', { from: 'blog', to: 'site' });
    expect(renamed).toEqual({ name: 'site', id: created.id, protected: false });

    const exported = await ok('ipns.exportKey', { name: 'site' });
    expect(exported.path).toBe(join(dialogDir, 'site.key'));
    await access(join(dialogDir, 'site.key'));

    await ok('ipns.removeKey', { name: 'site' });
    expect((await ok('ipns.keys', {})).some((key) => key.id === created.id)).toBe(false);

    const imported = await ok('ipns.importKey', { name: 'site-again' });
    expect(imported.key).toEqual({ name: 'site-again', id: created.id, protected: false });
    await ok('ipns.removeKey', { name: 'site-again' });
  });

  it('exports a key whose name begins with dashes as that key, never as an option of Kubo’s CLI', async () => {
    const created = await ok('ipns.createKey', { name: '--output' });
    const exported = await ok('ipns.exportKey', { name: '--output' });
    expect(exported.path).toBe(join(dialogDir, '--output.key'));
    expect((await stat(join(dialogDir, '--output.key'))).size).toBeGreaterThan(0);
    await ok('ipns.removeKey', { name: '--output' });
    await rm(join(dialogDir, 'site.key'), { force: true });
    const imported = await ok('ipns.importKey', { name: 'dashes-again' });
    expect(imported.key?.id).toBe(created.id);
    await ok('ipns.removeKey', { name: 'dashes-again' });
  });

  it('acts on the key it is given by its exact name, as Kubo names keys: spaces and long names included', async () => {
    // Kubo takes any name without a slash or a leading dot: another program may have made these.
    const client = rpcClient(host.services.node);
    const long = 'l'.repeat(100);
    await client.key.gen(' twin', { type: 'ed25519' });
    await client.key.gen(long, { type: 'ed25519' });
    const twin = await ok('ipns.createKey', { name: 'twin' });
    const idOf = async (name: string) => (await ok('ipns.keys', {})).find((key) => key.name === name)?.id;
    const spacedId = await idOf(' twin');
    expect(spacedId).not.toBe(twin.id);

    await ok('ipns.removeKey', { name: ' twin' });
    expect(await idOf(' twin')).toBeUndefined();
    expect(await idOf('twin')).toBe(twin.id);

    const published = await ok('ipns.publish', { key: long, value: await addText('long\n') });
    expect(published.name).toBe(await idOf(long));
    const publishLog = () => readFile(join(dataDir, 'ipns-published.json'), 'utf8');
    expect(await publishLog()).toContain(published.name);
    await ok('ipns.removeKey', { name: long });
    // What was published under a removed key goes with it.
    expect(await publishLog()).not.toContain(published.name);
    await ok('ipns.removeKey', { name: 'twin' });
  });

  it('offers a key whose name would read as another under its real name when exported', async () => {
    // Made by another program: "pay\u202Egpj" shows as "payjpg" and its file as "payyek.jpg".
    await rpcClient(host.services.node).key.gen('pay\u202Egpj', { type: 'ed25519' });
    const exported = await ok('ipns.exportKey', { name: 'pay\u202Egpj' });
    expect(exported.path).toBe(join(dialogDir, 'paygpj.key'));
    expect((await stat(join(dialogDir, 'paygpj.key'))).size).toBeGreaterThan(0);
    await ok('ipns.removeKey', { name: 'pay\u202Egpj' });
    await rm(join(dialogDir, 'paygpj.key'), { force: true });
  });

  it('quotes a key’s name in its refusal with the hidden characters as markers, not to reorder the sentence', async () => {
    const message = await refused('ipns.removeKey', { name: 'pay\u202Egpj' }, 'KEY_NOT_FOUND');
    expect(message).toBe('The node has no key named “pay⟨U+202E⟩gpj”.');
  });

  it('takes a key’s name before another key’s ID: a key may be named like one', async () => {
    const alpha = await ok('ipns.createKey', { name: 'alpha' });
    // A name is any letters and digits: here, alpha's own IPNS name pasted into the name field.
    const lookalike = await ok('ipns.createKey', { name: alpha.id });
    // The view reads each key's record by its ID.
    expect((await ok('ipns.inspect', { key: alpha.id })).name).toBe(alpha.id);
    await ok('ipns.removeKey', { name: alpha.id });
    const keys = await ok('ipns.keys', {});
    expect(keys.some((key) => key.id === lookalike.id)).toBe(false);
    expect(keys.find((key) => key.id === alpha.id)?.name).toBe('alpha');
    await ok('ipns.removeKey', { name: 'alpha' });
  });

  it('refuses a key file that is a named pipe, at once, without waiting on it', async () => {
    const pipe = join(dialogDir, 'waiting.key');
    await promisify(execFile)('mkfifo', [pipe]);
    const platform = host.services.platform;
    const dialogs = platform.dialogs;
    platform.dialogs = { ...dialogs, choosePaths: () => Promise.resolve([pipe]) };
    try {
      expect(await refused('ipns.importKey', { name: 'from-a-pipe' }, 'VALIDATION')).toMatch(/not a regular file/);
    } finally {
      platform.dialogs = dialogs;
      // Releases a read left waiting on the pipe (the hang this guards against), if any.
      await open(pipe, constants.O_WRONLY | constants.O_NONBLOCK)
        .then((handle) => handle.close())
        .catch(() => undefined);
      await rm(pipe);
    }
  });

  it('refuses what cannot be done to keys, each with its own reason', async () => {
    await ok('ipns.createKey', { name: 'taken' });
    await ok('ipns.createKey', { name: 'other' });
    expect(await refused('ipns.renameKey', { from: 'other', to: 'taken' }, 'ALREADY_EXISTS')).toMatch(/“taken”/);
    expect(await refused('ipns.renameKey', { from: 'missing', to: 'x' }, 'KEY_NOT_FOUND')).toBe(
      'The node has no key named “missing”.',
    );
    expect(await refused('ipns.removeKey', { name: 'missing' }, 'KEY_NOT_FOUND')).toMatch(/“missing”/);
    expect(await refused('ipns.removeKey', { name: 'self' }, 'KEY_PROTECTED')).toMatch(/identity key/);
    expect(await refused('ipns.renameKey', { from: 'self', to: 'me' }, 'KEY_PROTECTED')).toMatch(/identity key/);
    expect(await refused('ipns.createKey', { name: 'self' }, 'VALIDATION')).toMatch(/node’s own key/);
    expect(await refused('ipns.createKey', { name: 'a/b' }, 'VALIDATION')).toMatch(/letters, digits/);
    expect(await refused('ipns.exportKey', { name: 'missing' }, 'KEY_NOT_FOUND')).toMatch(/“missing”/);
  });
});

describe('publish and resolve', () => {
  it('publishes a CID offline, resolves it in every pasted form, and shows the record', async () => {
    const key = await ok('ipns.createKey', { name: 'notes' });
    const first = await addText('first version\n');
    const published = await ok('ipns.publish', {
      key: 'notes',
      value: first,
      lifetimeSeconds: 3600,
      ttlSeconds: 30,
    });
    expect(published).toEqual({ name: key.id, value: `/ipfs/${first}`, reachedNetwork: false });

    for (const input of [key.id, `ipns://${key.id}`, `/ipns/${key.id}`, `https://${key.id}.ipns.dweb.link/`]) {
      expect(await ok('ipns.resolve', { input })).toEqual({
        name: key.id,
        inside: [],
        path: `/ipfs/${first}`,
        cid: first,
      });
    }

    const record = await ok('ipns.inspect', { key: 'notes' });
    expect(record).toMatchObject({
      name: key.id,
      published: true,
      value: `/ipfs/${first}`,
      sequence: 0,
      expired: false,
      ttlSeconds: 30,
      reachedNetwork: false,
    });
    const validFor = Date.parse(record.validUntil ?? '') - Date.now();
    expect(validFor).toBeGreaterThan(3500_000);
    expect(validFor).toBeLessThanOrEqual(3600_000);
    expect(Date.now() - Date.parse(record.lastPublishedAt ?? '')).toBeLessThan(60_000);

    const second = await addText('second version\n');
    await ok('ipns.publish', { key: 'notes', value: `/ipfs/${second}` });
    expect(await ok('ipns.inspect', { key: 'notes' })).toMatchObject({ value: `/ipfs/${second}`, sequence: 1 });
    expect((await ok('ipns.resolve', { input: key.id })).cid).toBe(second);
  });

  it('publishes a Files path by its current CID and imports a name into Files', async () => {
    const client = rpcClient(host.services.node);
    await client.files.mkdir('/album', { parents: true });
    await client.files.write('/album/a.txt', new TextEncoder().encode('a\n'), { create: true });
    const key = await ok('ipns.createKey', { name: 'album' });
    const published = await ok('ipns.publish', { key: 'album', value: '/album' });
    expect(published.value).toBe(`/ipfs/${await folderCid('/album')}`);

    const imported = await ok('ipns.importToFiles', { input: `ipns://${key.id}`, fileName: 'album copy' });
    expect(imported).toEqual({ mfsPath: '/album copy', cid: await folderCid('/album') });
    expect(await folderCid('/album copy')).toBe(await folderCid('/album'));
    expect(
      await refused('ipns.importToFiles', { input: `ipns://${key.id}`, fileName: 'album copy' }, 'ALREADY_EXISTS'),
    ).toBe('Files already has /album copy: choose another name.');
  });

  it('resolves and imports a path inside a name, its names as they are: spaces, #, ? and % included', async () => {
    const client = rpcClient(host.services.node);
    await client.files.mkdir('/shelf/sub dir', { parents: true });
    await client.files.write('/shelf/sub dir/a b#?%.txt', new TextEncoder().encode('inner\n'), { create: true });
    const key = await ok('ipns.createKey', { name: 'shelf' });
    await ok('ipns.publish', { key: 'shelf', value: '/shelf' });
    const folder = await folderCid('/shelf');
    const inputs = [`ipns://${key.id}/sub%20dir/a%20b%23%3F%25.txt`, `/ipns/${key.id}/sub dir/a b#?%.txt`];
    for (const [index, input] of inputs.entries()) {
      expect(await ok('ipns.resolve', { input })).toEqual({
        name: key.id,
        inside: ['sub dir', 'a b#?%.txt'],
        path: `/ipfs/${folder}/sub dir/a b#?%.txt`,
        cid: folder,
      });
      const { mfsPath } = await ok('ipns.importToFiles', { input, fileName: `inner ${index}` });
      expect(await folderCid(mfsPath)).toBe(await folderCid('/shelf/sub dir/a b#?%.txt'));
    }
  });

  it('says what is wrong with each bad input', async () => {
    const unpublished = await ok('ipns.createKey', { name: 'never-published' });
    expect(await refused('ipns.resolve', { input: 'ipns://not_a_name' }, 'IPNS_NAME_INVALID')).toMatch(
      /^“not_a_name” is not an IPNS name \(single-label\): expected an IPNS key/,
    );
    expect(await refused('ipns.resolve', { input: 'k51qzi5uqu5-broken' }, 'IPNS_NAME_INVALID')).toMatch(
      /starts like an IPNS key but is not a valid one/,
    );
    expect(await refused('ipns.resolve', { input: `/ipfs/${await addText('x')}` }, 'IPNS_NAME_INVALID')).toMatch(
      /immutable CID/,
    );
    // Never sent to Kubo: offline, a DNSLink name is refused before any DNS query.
    expect(await refused('ipns.resolve', { input: 'ipns://docs.example.org' }, 'DNS_OFFLINE')).toBe(
      'docs.example.org is a DNSLink name: resolving it means asking DNS, and offline mode is on, so Cairn does not try.',
    );
    expect(await refused('ipns.resolve', { input: unpublished.id }, 'IPNS_NOT_FOUND')).toMatch(
      /^No valid record for k51[0-9a-z]+ on this node \(offline mode/,
    );
    expect(await refused('ipns.publish', { key: 'missing', value: await addText('y') }, 'KEY_NOT_FOUND')).toBe(
      'The node has no key named “missing”.',
    );
    expect(await refused('ipns.publish', { key: 'never-published', value: '/no/such/folder' }, 'NOT_FOUND')).toBe(
      'Files has nothing at /no/such/folder.',
    );
    expect(
      await refused(
        'ipns.publish',
        { key: 'never-published', value: 'x', lifetimeSeconds: 3600, ttlSeconds: 7200 },
        'VALIDATION',
      ),
    ).toMatch(/TTL cannot be longer than the lifetime/);
    expect(await refused('ipns.inspect', { key: 'missing' }, 'KEY_NOT_FOUND')).toMatch(/“missing”/);
    expect(await ok('ipns.inspect', { key: 'never-published' })).toEqual({ name: unpublished.id, published: false });
  });

  it('tells an expired record from a missing one', async () => {
    const key = await ok('ipns.createKey', { name: 'short-lived' });
    // Below what the interface allows (60 s), to watch it expire within the test.
    await publishName(
      host.services.node.kubo(),
      { key: 'short-lived', value: await addText('brief\n'), lifetimeSeconds: 1, ttlSeconds: 1 },
      { offline: true, log: host.services.ipns.publishLog },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await refused('ipns.resolve', { input: key.id }, 'IPNS_RECORD_EXPIRED')).toMatch(
      /^The record for k51[0-9a-z]+ expired on .*: publish the name again/,
    );
    expect(await ok('ipns.inspect', { key: 'short-lived' })).toMatchObject({ published: false });
  });

  it('gives up on a resolution that takes too long, and says so', async () => {
    // A loopback "node" that accepts the request and never answers.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const key = (await ok('ipns.keys', {}))[0]?.id ?? '';
      await expect(
        resolveName(createKuboClient({ url: `http://127.0.0.1:${port}`, headers: {} }), key, {
          offline: true,
          log: host.services.ipns.publishLog,
          timeoutMs: 500,
        }),
      ).rejects.toMatchObject({ code: 'TIMEOUT', message: `Resolving ${key} got no answer within 0.5 s.` });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('mutable folders', () => {
  const binding = async (keyId: string): Promise<Binding | undefined> =>
    (await ok('ipns.bindings', {})).find((candidate) => candidate.keyId === keyId);

  it('republishes a bound folder after a file is added, and resumes after a restart', async () => {
    const client = rpcClient(host.services.node);
    await client.files.mkdir('/site', { parents: true });
    await client.files.write('/site/index.html', new TextEncoder().encode('<h1>v1</h1>'), { create: true });
    const key = await ok('ipns.createKey', { name: 'site' });

    const bound = await ok('ipns.bind', { key: 'site', mfsPath: '/site', minIntervalSeconds: 1 });
    const v1 = await folderCid('/site');
    expect(bound).toMatchObject({ keyId: key.id, keyName: 'site', state: 'up-to-date', publishedCid: v1 });
    expect((await ok('ipns.resolve', { input: key.id })).cid).toBe(v1);

    await client.files.write('/site/about.html', new TextEncoder().encode('<h1>about</h1>'), { create: true });
    const v2 = await folderCid('/site');
    expect(v2).not.toBe(v1);
    await until('the folder republished', async () => (await binding(key.id))?.publishedCid === v2, 20_000);
    expect(await binding(key.id)).toMatchObject({ state: 'up-to-date', folderCid: v2 });
    expect((await ok('ipns.resolve', { input: key.id })).cid).toBe(v2);

    // The services stop and start again on the same data folder (and the same embedded repo).
    await host.dispose();
    host = await startEmbeddedHost(dataDir, dialogDir);
    expect(await binding(key.id)).toMatchObject({ mfsPath: '/site', state: 'up-to-date', publishedCid: v2 });
    await rpcClient(host.services.node).files.write(
      '/site/contact.html',
      new TextEncoder().encode('<h1>contact</h1>'),
      { create: true },
    );
    const v3 = await folderCid('/site');
    await until(
      'the folder republished after the restart',
      async () => (await binding(key.id))?.publishedCid === v3,
      20_000,
    );
    expect((await ok('ipns.resolve', { input: key.id })).cid).toBe(v3);

    await ok('ipns.unbind', { keyId: key.id });
    expect(await binding(key.id)).toBeUndefined();
  });

  it('shows a failed republish with its error, and retries it', async () => {
    const client = rpcClient(host.services.node);
    await client.files.mkdir('/drafts', { parents: true });
    const key = await ok('ipns.createKey', { name: 'drafts' });
    await ok('ipns.bind', { key: 'drafts', mfsPath: '/drafts', minIntervalSeconds: 1 });
    await client.files.rm('/drafts', { recursive: true });
    await until('the binding failed', async () => (await binding(key.id))?.state === 'failed', 20_000);
    expect((await binding(key.id))?.error).toBe('Files has nothing at /drafts.');

    await client.files.mkdir('/drafts', { parents: true });
    await client.files.write('/drafts/new.txt', new TextEncoder().encode('back\n'), { create: true });
    const retried = await ok('ipns.retryBinding', { keyId: key.id });
    expect(retried).toMatchObject({ state: 'up-to-date', publishedCid: await folderCid('/drafts') });
    expect((await ok('ipns.resolve', { input: key.id })).cid).toBe(await folderCid('/drafts'));
    await ok('ipns.removeKey', { name: 'drafts' });
    expect(await binding(key.id)).toBeUndefined();
  });

  it('says Up to date only while the node’s record of the name points at the folder, under a key it still has', async () => {
    const client = rpcClient(host.services.node);
    await client.files.mkdir('/mirror', { parents: true });
    const key = await ok('ipns.createKey', { name: 'mirror' });
    await ok('ipns.bind', { key: 'mirror', mfsPath: '/mirror', minIntervalSeconds: 1 });
    const folder = await folderCid('/mirror');
    // Each change below is made with Kubo's own RPC, behind Cairn's back; the binding looks again soon.
    const lookAgain = async (what: string, seen: (binding: Binding | undefined) => boolean) => {
      host.services.ipns.bindings.wake();
      await until(what, async () => seen(await binding(key.id)), 20_000);
      return binding(key.id);
    };

    const other = await addText('published by another program\n');
    await client.name.publish(`/ipfs/${other}`, { key: 'mirror', allowOffline: true });
    expect(await lookAgain('the binding saw the other record', (found) => found?.state === 'failed')).toMatchObject({
      publishedCid: folder,
      error: `mirror now points to /ipfs/${other}, published outside this binding: Retry publishes the folder again, or Unbind leaves the name as it is.`,
    });
    expect(await ok('ipns.retryBinding', { keyId: key.id })).toMatchObject({ state: 'up-to-date' });
    expect((await ok('ipns.resolve', { input: key.id })).cid).toBe(folder);

    await client.key.rename('mirror', 'mirror-renamed');
    expect(
      await lookAgain('the binding saw the new name', (found) => found?.keyName === 'mirror-renamed'),
    ).toMatchObject({ state: 'up-to-date' });

    await client.key.rm('mirror-renamed');
    expect(await lookAgain('the binding saw the key gone', (found) => found?.state === 'failed')).toMatchObject({
      error: `The node no longer has the key mirror-renamed (${key.id}): import it again to keep publishing, or Unbind.`,
    });
    await ok('ipns.unbind', { keyId: key.id });
  });
});

describe('a remote node', () => {
  it('cannot export keys, and says why a record it keeps offline is not shown', async () => {
    const kubo = await startKubo();
    const remote = await startTestHost(kubo);
    try {
      const call = (channel: Channel, payload: unknown) => remote.dispatcher.dispatch(channel, payload, sink);
      expect(await call('ipns.createKey', { name: 'remote' })).toMatchObject({ ok: true });
      const exported = await call('ipns.exportKey', { name: 'remote' });
      expect(exported.ok ? 'ok' : exported.error.code).toBe('UNSUPPORTED');
      expect(exported.ok ? '' : exported.error.message).toMatch(/^Kubo exports keys only on the machine/);
      const cid = (await kubo.client.add('remote\n')).cid.toString();
      expect(await call('ipns.publish', { key: 'remote', value: cid })).toMatchObject({ ok: true });
      const inspected = (await call('ipns.inspect', { key: 'remote' })) as Result<Responses['ipns.inspect']>;
      expect(inspected.ok && inspected.data).toMatchObject({ published: false, reachedNetwork: false });
      expect(inspected.ok ? inspected.data.note : '').toMatch(/only online or through the gateway/);
    } finally {
      await remote.stop();
      await kubo.stop();
    }
  });
});
