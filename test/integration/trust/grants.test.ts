import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultUploadOptions } from '../../harness/uploads';
import { caller, CallFailed } from '../../harness/call';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startTestHost, type TestHost } from '../../harness/host';
import { until } from '../../harness/until';

// Paths are capabilities: the renderer holds grants for what the user chose, never a path it names.
describe('grants', () => {
  let node: TestKubo;
  let host: TestHost;
  let call: ReturnType<typeof caller>['call'];

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    ({ call } = caller(host.dispatcher));
    const dialogDir = join(host.dataDir, 'exports');
    await mkdir(dialogDir, { recursive: true });
    await writeFile(join(dialogDir, 'chosen.txt'), 'the user chose this');
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof CallFailed ? error.error : null),
    );

  it('refuses a raw path where uploads and verification take a grant', async () => {
    for (const [channel, request] of [
      [
        'uploads.enqueue',
        { folder: '/', sources: [{ kind: 'path', path: '/etc/passwd' }], options: defaultUploadOptions },
      ],
      ['verify.local', { opId: 'op-raw-path', source: { kind: 'path', path: '/etc/passwd' }, cid: 'bafkqaaa' }],
    ] as const) {
      const result = await host.dispatcher.dispatch(channel, request, { send: () => undefined });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('refuses a grant main never gave, with a clear error, and reads nothing', async () => {
    const forged = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    const upload = await refusal(
      call('uploads.enqueue', {
        folder: '/',
        sources: [{ kind: 'grant', grant: forged }],
        options: defaultUploadOptions,
      }),
    );
    expect(upload?.code).toBe('FORBIDDEN');
    expect(upload?.message).toMatch(/chosen in its dialogs or dropped/);
    const car = await refusal(
      call('uploads.enqueue', {
        folder: '/',
        sources: [{ kind: 'grant', grant: forged, car: true }],
        options: defaultUploadOptions,
      }),
    );
    expect(car).toMatchObject({ code: 'FORBIDDEN' });
    const verify = await refusal(
      call('verify.local', { opId: 'op-forged-grant', source: { kind: 'grant', grant: forged }, cid: 'bafkqaaa' }),
    );
    expect(verify).toMatchObject({ code: 'FORBIDDEN' });
    expect(host.services.uploads.list()).toEqual([]);
  });

  it('uploads and verifies what the dialog granted', async () => {
    const chosen = await call('files.choose', { kind: 'files', multiple: true });
    expect(chosen.map((one) => one.name)).toEqual(['chosen.txt']);
    const [file] = chosen;
    expect(JSON.stringify(chosen)).not.toContain(host.dataDir);
    const [item] = await call('uploads.enqueue', {
      folder: '/',
      sources: [{ kind: 'grant', grant: file?.grant ?? '' }],
      options: defaultUploadOptions,
    });
    await until('the granted upload to land', () =>
      host.services.uploads.list().some((one) => one.id === item?.id && one.state === 'added'),
    );
    const cid = host.services.uploads.list().find((one) => one.id === item?.id)?.result?.cid ?? '';
    expect(cid).toBe((await node.client.add('the user chose this', { onlyHash: true })).cid.toString());
    const verified = await call('verify.local', {
      opId: 'op-granted',
      source: { kind: 'grant', grant: file?.grant ?? '' },
      cid,
    });
    expect(verified.outcome).toBe('match');
  });
});
