import { CarWriter } from '@ipld/car';
import type { CID } from 'multiformats/cid';

/** A whole CAR of these blocks under this root, as bytes. */
export async function carOf(root: CID, blocks: { cid: CID; bytes: Uint8Array }[]): Promise<Buffer> {
  const { writer, out } = CarWriter.create([root]);
  const parts: Uint8Array[] = [];
  const collected = (async () => {
    for await (const part of out) parts.push(part);
  })();
  for (const block of blocks) await writer.put(block);
  await writer.close();
  await collected;
  return Buffer.concat(parts);
}
