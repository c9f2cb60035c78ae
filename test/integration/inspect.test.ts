import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink } from '../../electron/ipc/types';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';

const sink: EventSink = { send: () => undefined };

// What the node knows of a CID, compared with what Kubo's CLI says of the same content.
describe('inspecting a CID on the node', () => {
  let node: TestKubo;
  let host: TestHost;
  let dir: string;
  let folder: string;

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    dir = await mkdtemp(join(tmpdir(), 'cairn-inspect-'));
    await mkdir(join(dir, 'album', 'more'), { recursive: true });
    await writeFile(join(dir, 'album', 'a.txt'), randomBytes(300_000));
    await writeFile(join(dir, 'album', 'b.txt'), 'b\n');
    await writeFile(join(dir, 'album', 'more', 'c.txt'), 'c\n');
    folder = (await node.ipfs('add', '-r', '-Q', '--chunker=size-100000', join(dir, 'album'))).trim();
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const inspect = (cid: string) => host.dispatcher.dispatch('verify.inspectOnNode', { cid }, sink);

  it('describes a folder: its children and every block of its DAG', async () => {
    const refs = (await node.ipfs('refs', '-r', '--unique', folder)).split('\n').filter(Boolean);
    const result = await inspect(folder);
    expect(result).toMatchObject({
      ok: true,
      data: { has: true, type: 'directory', blocks: refs.length + 1, childCount: 3 },
    });
    const children = result.ok ? (result.data as { children: { name: string; folder: boolean }[] }).children : [];
    expect(children.map((child) => [child.name, child.folder])).toEqual([
      ['a.txt', false],
      ['b.txt', false],
      ['more', true],
    ]);
  });

  it('gives a file its size and block count (three chunks and a root), and a raw block its type', async () => {
    const file = (await node.ipfs('add', '-Q', '--chunker=size-100000', join(dir, 'album', 'a.txt'))).trim();
    expect(await inspect(file)).toMatchObject({
      ok: true,
      data: { has: true, type: 'file', size: 300_000, blocks: 4 },
    });
    const raw = (await node.ipfs('add', '-Q', '--cid-version=1', join(dir, 'album', 'b.txt'))).trim();
    expect(await inspect(raw)).toMatchObject({ ok: true, data: { has: true, type: 'raw', size: 2, blocks: 1 } });
  });

  it('says the node does not have a CID, without searching the network', async () => {
    const started = Date.now();
    const result = await inspect('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    expect(result).toEqual({ ok: true, data: { has: false } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a CID the node refuses (an md5 hash), saying why in its own words, not in Kubo’s', async () => {
    // Checked against Kubo 0.43.1: `ipfs block stat` of it says “potentially insecure hash functions not allowed”.
    const md5 = 'bafk5kaiqaeaqcaibaeaqcaibaeaqcaibae';
    expect(await inspect(md5)).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: { input: md5, problem: 'kubo-refuses', refusal: 'insecure-hash', hash: 'md5' },
      },
    });
  });

  it('refuses what is not a CID with a validation error', async () => {
    expect(await inspect('not-a-cid')).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          '“not-a-cid” is not a CID: a CID starts with Qm, or with the letter of its multibase (b for bafy…, k, z, f…), and “n” is none.',
        details: { input: 'not-a-cid', problem: 'not-a-cid' },
      },
    });
  });
});
