import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { base32 } from 'multiformats/bases/base32';
import { CID } from 'multiformats/cid';

/** Deletes blocks from a repo's flatfs behind Kubo's back, as a damaged disk or a bad copy would. */
export async function deleteBlockFiles(repoPath: string, cids: string[]): Promise<void> {
  const names = new Set(cids.map((cid) => `${base32.baseEncode(CID.parse(cid).multihash.bytes).toUpperCase()}.data`));
  const blocks = join(repoPath, 'blocks');
  const files = (await readdir(blocks, { recursive: true })).filter((file) => names.has(basename(file)));
  if (files.length !== names.size) throw new Error(`found ${files.length} of ${names.size} block files to delete`);
  for (const file of files) await rm(join(blocks, file));
}
