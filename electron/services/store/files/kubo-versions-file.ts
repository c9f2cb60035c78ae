import { z } from 'zod';
import { recordFile } from '../file-spec';

/** `ipfs version` of each binary seen, keyed by its path, size, modification time and inode. */
export const kuboVersionsFile = recordFile({
  name: 'kubo-versions.json',
  version: 1,
  key: 'versions',
  entry: z.string(),
  // v1: the key → version map moved under a version; it used to be the whole file.
  migrations: { 0: (old) => ({ version: 1, versions: old }) },
});
