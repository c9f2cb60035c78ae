import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../../harness/call';
import { carOf } from '../../harness/car-of';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startTestHost, type TestHost } from '../../harness/host';
import { defaultUploadOptions } from '../../harness/uploads';
import { until } from '../../harness/until';

const HOSTILE = ['..\\..\\..\\Users\\Public\\evil.txt', '../evil.txt', 'CON', 'trailing. '];

/** A UnixFS folder whose entries carry hostile names, as anyone can write to IPFS: its blocks and root. */
async function hostileFolder(): Promise<{ root: CID; blocks: { cid: CID; bytes: Uint8Array }[] }> {
  const leaf = raw.encode(new TextEncoder().encode('written where it should not be'));
  const leafCid = CID.createV1(raw.code, await sha256.digest(leaf));
  const folder = dagPb.encode(
    dagPb.prepare({
      Data: new UnixFS({ type: 'directory' }).marshal(),
      Links: HOSTILE.map((Name) => ({ Name, Hash: leafCid, Tsize: leaf.byteLength })),
    }),
  );
  const root = CID.createV1(dagPb.code, await sha256.digest(folder));
  return {
    root,
    blocks: [
      { cid: root, bytes: folder },
      { cid: leafCid, bytes: leaf },
    ],
  };
}

// Names from IPFS folders and CARs are checked before they touch the disk (POSIX and path.win32 rules).
describe('hostile names from IPFS', () => {
  let node: TestKubo;
  let host: TestHost;
  let api: ReturnType<typeof caller>;
  let dialogDir: string;
  let root: CID;
  let blocks: { cid: CID; bytes: Uint8Array }[];

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    api = caller(host.dispatcher);
    dialogDir = join(host.dataDir, 'exports');
    await mkdir(dialogDir, { recursive: true });
    const folder = await hostileFolder();
    ({ root, blocks } = folder);
    await writeFile(join(dialogDir, 'hostile.car'), await carOf(folder.root, folder.blocks));
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  const exported = async (path: string) =>
    host.dispatcher.dispatch(
      'files.export',
      { opId: `export-${path.length}-hostile`, path, as: 'content' },
      {
        send: () => undefined,
      },
    );

  it('imports a hostile CAR into a real Kubo, and refuses to export its entries to disk', async () => {
    const [car] = await api.call('files.choose', { kind: 'car', multiple: false });
    const [item] = await api.call('uploads.enqueue', {
      folder: '/',
      sources: [{ kind: 'grant', grant: car?.grant ?? '', car: true }],
      options: defaultUploadOptions,
    });
    await until('the CAR to land', () =>
      host.services.uploads.list().some((one) => one.id === item?.id && one.state === 'added'),
    );
    const landed = host.services.uploads.list().find((one) => one.id === item?.id)?.result;
    expect(landed?.cid).toBe(root.toString());
    const listed = await api.listFolder(landed?.path ?? '');
    expect(
      listed.batches
        .flat()
        .map((entry) => entry.name)
        .sort(),
    ).toEqual([...HOSTILE].sort());

    const result = await exported(landed?.path ?? '');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toMatch(/cannot be written to disk/);
    // Nothing beside the CAR in the chosen folder, nothing above it, no partial folder left.
    expect(await readdir(dialogDir)).toEqual(['hostile.car']);
    expect((await readdir(host.dataDir)).filter((name) => name.includes('evil'))).toEqual([]);
  });

  it('refuses to export a hostile folder put on the node as blocks and linked into Files', async () => {
    for (const block of blocks) {
      await node.client.block.put(block.bytes, { format: block.cid.code === raw.code ? 'raw' : 'dag-pb' });
    }
    await node.ipfs('files', 'cp', `/ipfs/${root.toString()}`, '/from-ipfs');
    const result = await exported('/from-ipfs');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await readdir(dialogDir)).toEqual(['hostile.car']);
  });
});
