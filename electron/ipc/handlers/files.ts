import { basename } from 'node:path';
import { exportItem } from '../../services/files/export';
import { makeFolder, movePath, removePath, statPath } from '../../services/files/mfs';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function filesHandlers({ node, mfs, listings, localPins, platform, grants }: Services): HandlersOf<'files'> {
  return {
    'files.list': ({ folder }) => listings.start(node.kubo(), folder),
    'files.listMore': ({ listingId }) => listings.more(listingId),
    'files.stat': ({ path }) => statPath(node.kubo(), path),
    'files.mkdir': ({ folder, name }) => makeFolder(node.kubo(), mfs, folder, name),
    'files.move': ({ from, toFolder, name }) => movePath(node.kubo(), mfs, from, toFolder, name),
    'files.remove': async ({ path, unpin }) => {
      const removed = await removePath(node.kubo(), mfs, path, unpin);
      if (removed.unpinned) localPins.invalidate();
      return removed;
    },
    'files.pinned': ({ cids }) => localPins.pinned(node.kubo(), cids),
    'files.export': ({ path, as }, op) => exportItem(node.kubo(), platform.dialogs, path, as, op),
    'files.choose': async ({ kind, multiple }) => {
      const chosen = await platform.dialogs.choosePaths(
        kind === 'car'
          ? { kind: 'files', multiple, filters: [{ name: 'CAR file', extensions: ['car'] }] }
          : { kind, multiple },
      );
      return chosen.map((path) => ({ grant: grants.grant(path), name: basename(path) }));
    },
  };
}
