import { z } from 'zod';
import { recordFile } from '../file-spec';

/** When Cairn pinned each CID (ms since epoch): Kubo does not remember it. */
export const localPinsFile = recordFile({
  name: 'local-pins.json',
  version: 1,
  key: 'pinnedAt',
  entry: z.number(),
  // v1: the CID → time map moved under a version; it used to be the whole file.
  migrations: { 0: (old) => ({ version: 1, pinnedAt: old }) },
});
