import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink } from '../../electron/ipc/types';
import type { NodeStatus } from '../../shared/ipc/contract';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { startTestHost, type TestHost } from '../harness/host';
import { startKubo, type TestKubo } from '../harness/kubo';
import { until } from '../harness/until';

const sink: EventSink = { send: () => undefined };

// A remote node sends no event when it goes away: the first call that finds it gone must say so.
// A proxy of the test's own stands between: it drops every connection, then none.
describe('a remote node that stops answering', () => {
  let kubo: TestKubo;
  let proxy: FaultProxy;
  let host: TestHost;

  beforeAll(async () => {
    kubo = await startKubo();
    proxy = await startFaultProxy(kubo.apiUrl);
    host = await startTestHost({ apiUrl: proxy.url });
  });
  afterAll(async () => {
    await host.stop();
    await proxy.stop();
    await kubo.stop();
  });

  it('is shown not answering as soon as a call finds it gone, once, and answering once it is found again', async () => {
    expect(await host.services.node.status()).toMatchObject({ state: 'running' });
    const sent: NodeStatus[] = [];
    let wake: () => void = () => undefined;
    host.services.node.onChange((status) => {
      sent.push(status);
      wake();
    });
    const list = () => host.dispatcher.dispatch('files.list', { opId: randomUUID(), folder: '/' }, sink);

    // Every connection dropped: the listing fails, and so does the status read it sets off.
    proxy.inject({ kind: 'hang-up' }, 1000);
    expect(await list()).toMatchObject({ ok: false, error: { code: 'NODE_UNREACHABLE' } });
    await until(
      'the status sent',
      () => sent.length > 0,
      15_000,
      (wakeUp) => (wake = wakeUp),
    );
    expect(sent).toEqual([
      expect.objectContaining({
        state: 'error',
        target: expect.objectContaining({ kind: 'remote', url: proxy.url }) as unknown,
        error: { code: 'NODE_UNREACHABLE', message: expect.stringMatching(/^The node stopped answering: /) as unknown },
      }),
    ]);
    // Further calls that find it gone send nothing more, nor ask again: the first said it.
    const asked = proxy.seen.length;
    expect(await list()).toMatchObject({ ok: false, error: { code: 'NODE_UNREACHABLE' } });
    const pathsAsked = proxy.seen.map((request) => new URL(request.path, 'http://proxy').pathname);
    expect(pathsAsked.slice(0, asked)).toContain('/api/v0/id');
    expect(pathsAsked.slice(asked)).not.toContain('/api/v0/id');
    expect(sent).toHaveLength(1);

    // Back: the next status read (the renderer's poll, or focus) finds it, and says so to all.
    proxy.clear();
    expect(await host.dispatcher.dispatch('node.status', {}, sink)).toMatchObject({
      ok: true,
      data: { state: 'running' },
    });
    expect(sent.map((status) => status.state)).toEqual(['error', 'running']);
    expect(await list()).toMatchObject({ ok: true });
  });

  it('a pin status asked while it does not answer fails as not answering, never as content not on the node', async () => {
    const { cid } = await kubo.client.add('kept on the node that goes\n', { cidVersion: 1 });
    const status = () => host.dispatcher.dispatch('keep.status', { cid: cid.toString() }, sink);
    expect(await status()).toMatchObject({ ok: true, data: { local: 'recursive', pin: 'recursive' } });

    proxy.inject({ kind: 'hang-up' }, 1000);
    expect(await status()).toMatchObject({ ok: false, error: { code: 'NODE_UNREACHABLE' } });
    proxy.clear();
    expect(await status()).toMatchObject({ ok: true, data: { local: 'recursive' } });
  });
});
