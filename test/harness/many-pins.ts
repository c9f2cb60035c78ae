import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarWriter } from '@ipld/car/writer';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import type { TestKubo } from './kubo';

/**
 * Gives the node `count` recursive pins of distinct small blocks, in one `ipfs dag import --pin-roots`
 * of a CAR whose roots are those blocks. Returns the pinned CIDs.
 */
export async function pinMany(node: TestKubo, count: number, seed = 'pin'): Promise<string[]> {
  const blocks: { cid: CID; bytes: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = new TextEncoder().encode(`{"${seed}":${i}}\n`);
    blocks.push({ cid: CID.create(1, raw.code, await sha256.digest(bytes)), bytes });
  }
  const { writer, out } = CarWriter.create(blocks.map((block) => block.cid));
  const chunks: Uint8Array[] = [];
  const collected = (async () => {
    for await (const chunk of out) chunks.push(chunk);
  })();
  for (const block of blocks) await writer.put(block);
  await writer.close();
  await collected;
  const dir = await mkdtemp(join(tmpdir(), 'cairn-pins-'));
  try {
    const car = join(dir, 'pins.car');
    await writeFile(car, Buffer.concat(chunks));
    await node.ipfs('dag', 'import', '--pin-roots', car);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return blocks.map((block) => block.cid.toString());
}
