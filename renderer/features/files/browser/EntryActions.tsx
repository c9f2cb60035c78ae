import { useState } from 'react';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { CopyButton } from '../../../app/CopyButton';
import { formatBytes } from '../../../app/format';
import { joinPath } from '../../../../shared/mfs-path';
import { useAppStore } from '../../../app/store';
import { publishUnderName } from '../../ipns/ipns-actions';
import { PinBadge } from '../../pins/PinBadge';
import { PinToServicesDialog } from '../../pins/PinToServices';
import { shareContent } from '../../share/share-actions';
import { cancelExport, exportEntry, type ExportProgress } from './browser-actions';

/** What can be done with the selected entry, and the download in progress with its cancel. */
export function EntryActions({
  entry,
  exporting,
  onProgress,
  onOpen,
  onRename,
  onDelete,
}: {
  entry: MfsEntry | null;
  exporting: ExportProgress | null;
  onProgress: (progress: ExportProgress | null) => void;
  onOpen: (entry: MfsEntry) => void;
  onRename: (entry: MfsEntry) => void;
  onDelete: (entry: MfsEntry) => void;
}) {
  const folder = useAppStore((state) => state.folder);
  const folderCid = useAppStore((state) => state.folderCid);
  const [pinning, setPinning] = useState(false);
  return (
    <div className="entry-actions" role="toolbar" aria-label={entry ? `Actions for ${entry.name}` : 'Actions'}>
      {entry ? (
        <>
          <button type="button" onClick={() => onOpen(entry)}>
            {entry.type === 'folder' ? 'Open' : 'Preview'}
          </button>
          <button type="button" onClick={() => onRename(entry)}>
            Rename
          </button>
          <button type="button" onClick={() => onDelete(entry)}>
            Delete
          </button>
          <CopyButton text={entry.cid} label={`Copy CID of ${entry.name}`} />
          <button
            type="button"
            disabled={exporting !== null}
            onClick={() => void exportEntry(entry, 'content', onProgress)}
          >
            Download
          </button>
          <button
            type="button"
            disabled={exporting !== null}
            onClick={() => void exportEntry(entry, 'car', onProgress)}
          >
            Download as CAR
          </button>
          <button type="button" onClick={() => shareContent(shareRef(entry, folder, folderCid))}>
            Share
          </button>
          <button type="button" onClick={() => publishUnderName(joinPath(folder, entry.name))}>
            Publish under a name
          </button>
          <button type="button" onClick={() => setPinning(true)}>
            Pin to services
          </button>
          <PinBadge cid={entry.cid} />
          <PinToServicesDialog
            cids={[entry.cid]}
            defaultName={entry.name}
            open={pinning}
            onClose={() => setPinning(false)}
          />
        </>
      ) : (
        <p className="muted">Select an item to rename, move, delete, download or preview it.</p>
      )}
      {exporting && (
        <p role="status" aria-label="Download progress">
          Downloading “{exporting.name}”: {formatBytes(exporting.bytes)}
          {exporting.totalBytes ? ` of ${formatBytes(exporting.totalBytes)}` : ''}{' '}
          <button type="button" onClick={() => cancelExport(exporting.opId)}>
            Cancel download
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * Inside a folder, the link goes through the folder's CID (`ipfs://<folder>/<name>`), the form an NFT
 * collection's metadata uses; at the top of Files, the entry's own CID, named for downloads.
 */
function shareRef(entry: MfsEntry, folder: string, folderCid: string | null): string {
  if (folder !== '/' && folderCid) return `ipfs://${folderCid}/${encodeURIComponent(entry.name)}`;
  return `ipfs://${entry.cid}${entry.type === 'file' ? `?filename=${encodeURIComponent(entry.name)}` : ''}`;
}
