import { CarWriter } from '@ipld/car/writer';
import { importer } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';

/**
 * A folder of `count` small files (`file-000001.txt`...), each with its own bytes, built as UnixFS
 * in this process and imported into the node as one CAR: seconds, where `ipfs add -r` of 100,000
 * files on disk takes minutes. Past a few thousand entries it is a sharded (HAMT) folder, as Kubo
 * makes it. Returns the folder's CID; the caller copies it into MFS.
 */
export async function importBigFolder(apiUrl: string, count: number): Promise<string> {
  const blocks: { cid: CID; bytes: Uint8Array }[] = [];
  const store = {
    put(cid: CID, bytes: Uint8Array) {
      blocks.push({ cid, bytes });
      return cid;
    },
  };
  const encoder = new TextEncoder();
  const source = (function* () {
    for (let i = 1; i <= count; i++) {
      const name = `file-${String(i).padStart(6, '0')}.txt`;
      yield { path: `big/${name}`, content: encoder.encode(`entry ${i}\n`) };
    }
  })();
  let root: CID | undefined;
  for await (const entry of importer(source, store, { profile: 'unixfs-v1-2025' })) {
    if (entry.path === 'big') root = entry.cid;
  }
  if (!root) throw new Error('the importer made no folder');
  const { writer, out } = CarWriter.create([root]);
  const chunks: Uint8Array[] = [];
  const reading = (async () => {
    for await (const chunk of out) chunks.push(chunk);
  })();
  for (const block of blocks) await writer.put(block);
  await writer.close();
  await reading;
  const form = new FormData();
  form.append('file', new Blob([Buffer.concat(chunks)]), 'big.car');
  const response = await fetch(`${apiUrl}/api/v0/dag/import?pin-roots=false`, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`dag import failed: ${await response.text()}`);
  await response.text();
  return root.toString();
}
