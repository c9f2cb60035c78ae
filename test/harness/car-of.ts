import { CarWriter } from '@ipld/car';
import type { CID } from 'multiformats/cid';

/** A whole CAR of these blocks under this root (or these roots), as bytes. */
export async function carOf(root: CID | CID[], blocks: { cid: CID; bytes: Uint8Array }[]): Promise<Buffer> {
  const { writer, out } = CarWriter.create(Array.isArray(root) ? root : [root]);
  const parts: Uint8Array[] = [];
  const collected = (async () => {
    for await (const part of out) parts.push(part);
  })();
  for (const block of blocks) await writer.put(block);
  await writer.close();
  await collected;
  return Buffer.concat(parts);
}

/** The CARv2 pragma: a CARv1-style header saying version 2. */
const CARV2_PRAGMA = Buffer.from('0aa16776657273696f6e02', 'hex');

/** A CARv1 wrapped as a CARv2 (pragma, its 40-byte header, the payload), with an empty sorted multihash index after. */
export function carV2Of(v1: Buffer): Buffer {
  const header = Buffer.alloc(40);
  const dataOffset = CARV2_PRAGMA.length + header.length;
  header.writeBigUInt64LE(BigInt(dataOffset), 16);
  header.writeBigUInt64LE(BigInt(v1.length), 24);
  header.writeBigUInt64LE(BigInt(dataOffset + v1.length), 32);
  // MultihashIndexSorted (0x0401) holding no buckets: what a writer leaves for a CAR it did not index.
  const index = Buffer.from([0x81, 0x08, 0, 0, 0, 0]);
  return Buffer.concat([CARV2_PRAGMA, header, v1, index]);
}
