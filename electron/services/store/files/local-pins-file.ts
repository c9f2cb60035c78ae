import { z } from 'zod';
import { journaledListFile } from '../file-spec';
import { storedInstant } from './stored-times';

/**
 * When Cairn pinned each CID (ms since epoch): Kubo does not remember it. Version 2 is a journaled
 * list, so that noting one more pin appends a line instead of rewriting every pin time (a drop of
 * ten thousand files rewrote a growing file ten thousand times).
 */
export const localPinsFile = journaledListFile({
  name: 'local-pins.json',
  journal: 'local-pins.journal',
  version: 2,
  key: 'pins',
  entry: z.object({ cid: z.string().min(1), pinnedAt: storedInstant }),
  keyOf: (pin) => pin.cid,
  migrations: {
    // v1: the CID → time map moved under a version; it used to be the whole file.
    0: (old) => ({ version: 1, pinnedAt: old }),
    // v2: the map became a list of entries, whose times the entry schema checks.
    1: (old) => {
      const { pinnedAt } = old;
      if (typeof pinnedAt !== 'object' || pinnedAt === null || Array.isArray(pinnedAt)) {
        throw new Error('"pinnedAt" is not a map of entries');
      }
      return { version: 2, pins: Object.entries(pinnedAt).map(([cid, time]) => ({ cid, pinnedAt: time as unknown })) };
    },
  },
});
