import { cumulativeSize } from '../../services/files/cumulative-size';
import { basename } from 'node:path';
import { exportItem } from '../../services/files/export';
import { listFolder } from '../../services/files/listings';
import { makeFolder, movePath, removePath, statPath } from '../../services/files/mfs';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function filesHandlers({ node, mfs, keep, platform, grants }: Services): HandlersOf<'files'> {
  return {
    'files.list': ({ opId, folder }, op) =>
      listFolder(node.kubo(), folder, op.signal, (cid, entries) => op.emit('files.listBatch', { opId, cid, entries })),
    'files.stat': ({ path }) => statPath(node.kubo(), path),
    'files.mkdir': ({ folder, name }) => makeFolder(node.kubo(), mfs, folder, name),
    'files.move': ({ from, toFolder, name }) => movePath(node.kubo(), mfs, from, toFolder, name),
    'files.remove': async ({ path, unpin }) => {
      const removed = await removePath(node.kubo(), mfs, path, unpin);
      keep.changed();
      return { ...removed, stillPinnedAs: (await keep.status(removed.cid, { filesPath: false })).pin };
    },
    'files.sizes': async ({ cids }) => {
      const sizes = await Promise.all(cids.map((cid) => cumulativeSize(node.kubo(), cid)));
      if (sizes.includes(null)) keep.lacksBlocks();
      return Object.fromEntries(cids.map((cid, index) => [cid, sizes[index] ?? null]));
    },
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
