import type { MfsEntry } from '../../../../shared/ipc/contract';
import { CopyButton } from '../../../app/CopyButton';
import { formatBytes } from '../../../app/format';
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
