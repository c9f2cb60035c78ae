import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KuboClient } from '../../electron/services/kubo/kubo-client';
import { startKubo, type TestKubo } from '../harness/kubo';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';

/** The moments an upload's requests pass, where a test cancels: the add's body all sent, placing in Files begun. */
type Moment = 'body sent' | 'placing';

/** A client of the real node that calls `at` once, the first time an upload reaches `moment`. */
function withHook(kubo: KuboClient, moment: Moment, at: () => void): KuboClient {
  let fired = false;
  const fire = () => {
    if (fired) return;
    fired = true;
    at();
  };
  return new Proxy(kubo, {
    get(target, key, receiver) {
      if (moment === 'placing' && key === 'call') {
        const call: KuboClient['call'] = (command, ...rest) => {
          if (command === 'files/mkdir') fire();
          return target.call(command, ...rest);
        };
        return call;
      }
      if (moment === 'body sent' && key === 'upload') {
        const upload: KuboClient['upload'] = (command, params, multipart, ...rest) =>
          target.upload(
            command,
            params,
            {
              ...multipart,
              body: async function* (buffers) {
                yield* multipart.body(buffers);
                fire();
              },
            },
            ...rest,
          );
        return upload;
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

async function recursivePins(node: TestKubo): Promise<{ cid: string; name: string }[]> {
  const lines = (await node.ipfs('pin', 'ls', '--type=recursive', '--names')).split('\n').filter(Boolean);
  return lines.map((line) => {
    const [cid = '', , ...name] = line.split(' ');
    return { cid, name: name.join(' ') };
  });
}

async function filesEntries(node: TestKubo, folder: string): Promise<string[]> {
  return (await node.ipfs('files', 'ls', folder)).split('\n').filter(Boolean);
}

describe('cancelling an upload once all of it has reached the node', () => {
  let node: TestKubo;
  let dir: string;
  const opened: TestUploads[] = [];

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-cancel-'));
  });
  afterAll(async () => {
    for (const uploads of opened) await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function uploadsCancelledAt(moment: Moment): Promise<TestUploads> {
    let cancel = () => {};
    const uploads = await openTestUploads(() => withHook(kuboAt(node.apiUrl), moment, () => cancel()));
    cancel = () => uploads.queue.cancel('all');
    opened.push(uploads);
    return uploads;
  }

  for (const moment of ['body sent', 'placing'] as const) {
    it(`finishes it when the cancel comes at "${moment}": in Files and pinned, and says the cancel came too late`, async () => {
      const uploads = await uploadsCancelledAt(moment);
      const folder = `/late-${moment.replace(' ', '-')}`;
      const file = join(dir, `${moment}.bin`);
      await writeFile(file, randomBytes(3 * 1024 * 1024));
      const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, folder);

      const item = await uploads.settled(id);
      expect(item).toMatchObject({ state: 'added', result: { notes: [{ kind: 'cancel-too-late' }] } });
      expect(await filesEntries(node, folder)).toEqual([`${moment}.bin`]);
      expect(await recursivePins(node)).toContainEqual({ cid: item.result?.cid, name: `${moment}.bin` });
    });
  }

  it('says it failed, not cancelled, when a cancel came too late and putting it in Files then failed', async () => {
    const uploads = await uploadsCancelledAt('placing');
    const taken = join(dir, 'a file');
    await writeFile(taken, 'a file, not a folder');
    await node.ipfs('files', 'write', '--create', '/a file', taken);
    const file = join(dir, 'unplaceable.bin');
    await writeFile(file, randomBytes(64 * 1024));
    // A Files folder under a file: the node refuses to make it.
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/a file/inside');

    expect(await uploads.settled(id)).toMatchObject({
      state: 'failed',
      error: { code: 'VALIDATION', details: { path: '/a file', problem: 'not-a-folder' } },
    });
  });

  it('leaves no pin outside Files when a drop of many files is cancelled as the first of them is placed', async () => {
    const uploads = await uploadsCancelledAt('placing');
    const source = join(dir, 'drop');
    await mkdir(source);
    const names = Array.from({ length: 30 }, (_, i) => `drop-${i}.bin`);
    for (const name of names) await writeFile(join(source, name), randomBytes(64 * 1024));
    const ids = await uploads.enqueue(
      names.map((name) => ({ kind: 'path', path: join(source, name) })),
      {},
      '/drop',
    );
    const items = await Promise.all(ids.map((id) => uploads.settled(id)));

    const added = items.filter((item) => item.state === 'added');
    expect(added.length + items.filter((item) => item.state === 'cancelled').length).toBe(names.length);
    const inFiles = await filesEntries(node, '/drop');
    const pinnedNames = (await recursivePins(node))
      .filter((pin) => pin.name.startsWith('drop-'))
      .map((pin) => pin.name);
    expect(pinnedNames.sort()).toEqual(inFiles.sort());
    expect(added.map((item) => item.name).sort()).toEqual(inFiles.sort());
    expect(added.length).toBeGreaterThan(0);
  });
});
