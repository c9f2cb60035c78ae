import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink } from '../../electron/ipc/types';
import type { EventName } from '../../shared/ipc/channels';
import type { Events } from '../../shared/ipc/contract';
import { SETTINGS_VERSION } from '../../shared/settings-options';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';
import { until } from '../harness/until';

function recordingSink() {
  const events: { event: EventName; payload: Events[EventName] }[] = [];
  const sink: EventSink = { send: (event, payload) => events.push({ event, payload }) };
  return { sink, events };
}

// The handler table behind window.cairn, driven the way Electron IPC and the bridge drive it.
describe('IPC dispatch', () => {
  let node: TestKubo;
  let host: TestHost;

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  const options = { profile: 'node', pin: true, hidden: false, symlinks: 'preserve', pinServices: [] };

  it.each([
    ['no sources', { folder: '/', sources: [], options }],
    [
      'a path as a file name',
      { folder: '/', sources: [{ kind: 'bytes', name: '../a.txt', data: new Uint8Array(1) }], options },
    ],
    [
      'a string where bytes belong',
      { folder: '/', sources: [{ kind: 'bytes', name: 'a.txt', data: 'AAAA' }], options },
    ],
    ['a relative Files folder', { folder: 'docs', sources: [{ kind: 'content', ref: 'bafkqaaa' }], options }],
    [
      'an escaping path in a folder',
      {
        folder: '/',
        sources: [{ kind: 'tree', name: 'd', files: [{ path: '../x', data: new Uint8Array(1) }], folders: [] }],
        options,
      },
    ],
    ['an unknown field', { folder: '/', sources: [{ kind: 'content', ref: 'bafkqaaa' }], options, extra: true }],
    ['no payload at all', undefined],
  ])('answers a malformed uploads.enqueue (%s) with a validation error', async (_case, payload) => {
    const result = await host.dispatcher.dispatch('uploads.enqueue', payload, recordingSink().sink);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toMatch(/^Invalid request for uploads\.enqueue: /);
    }
  });

  it('refuses an unknown channel', async () => {
    const result = await host.dispatcher.dispatch('node.format', {}, recordingSink().sink);
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'No such channel: node.format' } });
  });

  it('queues bytes, and the upload lands with the CID the node computes', async () => {
    const data = randomBytes(5 * 1024 * 1024);
    const result = await host.dispatcher.dispatch(
      'uploads.enqueue',
      { folder: '/', sources: [{ kind: 'bytes', name: 'five.bin', data }], options },
      recordingSink().sink,
    );
    expect(result).toMatchObject({ ok: true, data: [{ name: 'five.bin', state: 'queued' }] });
    const id = result.ok ? (result.data as { id: string }[])[0]?.id : undefined;
    await until('the upload to land', () =>
      host.services.uploads.list().some((i) => i.id === id && i.state === 'added'),
    );
    const expected = (await node.client.add(data, { onlyHash: true })).cid.toString();
    expect(host.services.uploads.list().find((i) => i.id === id)?.result).toMatchObject({
      cid: expected,
      path: '/five.bin',
      size: data.byteLength,
    });
  });

  it('persists a settings change atomically and returns the new settings', async () => {
    const result = await host.dispatcher.dispatch(
      'settings.update',
      { theme: 'dark', node: { offline: true } },
      recordingSink().sink,
    );
    expect(result).toMatchObject({ ok: true, data: { theme: 'dark', node: { offline: true } } });
    const stored = JSON.parse(await readFile(join(host.dataDir, 'settings.json'), 'utf8')) as {
      theme: string;
      version: number;
    };
    expect(stored).toMatchObject({ theme: 'dark', version: SETTINGS_VERSION });
    const bad = await host.dispatcher.dispatch('settings.update', { theme: 'purple' }, recordingSink().sink);
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
  });

  it('opens only http(s) links', async () => {
    const refused = await host.dispatcher.dispatch(
      'shell.openExternal',
      { url: 'file:///etc/passwd' },
      recordingSink().sink,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
