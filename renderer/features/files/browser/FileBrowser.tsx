import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { joinPath } from '../../../../shared/mfs-path';
import { useAppStore } from '../../../app/store';
import { TextField } from '../../../app/TextField';
import { Breadcrumbs } from './Breadcrumbs';
import { followFolderChanges, type ExportProgress } from './browser-actions';
import { EntryActions } from './EntryActions';
import { EntryDialog, type EntryDialogState } from './EntryDialog';
import { EntryList } from './EntryList';
import { createVisibleEntries } from './entry-order';
import { PreviewPanel } from './PreviewPanel';
import './file-browser.css';

/** The node's Files (MFS): one folder at a time, with everything that can be done to its entries. */
export function FileBrowser() {
  const { folder, entries, listing, listingError, sort, filter, selected, previewing, nodeState } = useAppStore(
    useShallow((state) => ({
      folder: state.folder,
      entries: state.entries,
      listing: state.listing,
      listingError: state.listingError,
      sort: state.sort,
      filter: state.filter,
      selected: state.selected,
      previewing: state.previewing,
      nodeState: state.node?.state,
    })),
  );
  const { openFolder, refresh, setFilter, setPreviewing } = useAppStore.getState();
  const [dialog, setDialog] = useState<EntryDialogState>(null);
  const [exporting, setExporting] = useState<ExportProgress | null>(null);
  const [sortedRows] = useState(createVisibleEntries);
  const rows = useMemo(() => sortedRows(entries, sort, filter), [sortedRows, entries, sort, filter]);
  const current = rows.find((row) => row.name === selected) ?? null;

  useEffect(() => followFolderChanges(), []);
  useEffect(() => {
    if (nodeState === 'running') useAppStore.getState().refresh();
  }, [nodeState]);

  const open = (entry: MfsEntry) => {
    if (entry.type === 'folder') openFolder(joinPath(folder, entry.name));
    else setPreviewing(entry);
  };

  return (
    <section className="file-browser" aria-labelledby="file-browser-title">
      <h2 id="file-browser-title" className="visually-hidden">
        Browse files
      </h2>
      <div className="browser-bar">
        <Breadcrumbs />
        <TextField label="Filter by name or CID" value={filter} onChange={setFilter} type="search" className="filter" />
        <button type="button" onClick={() => setDialog({ kind: 'new-folder' })}>
          New folder
        </button>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
      </div>
      <p role="status" className="listing-status">
        {listing === 'error'
          ? `Could not list ${folder}: ${listingError ?? 'unknown error'}`
          : listing === 'loading'
            ? `Listing ${folder}…`
            : `${entries.length.toLocaleString('en')} ${entries.length === 1 ? 'item' : 'items'}${listing === 'partial' ? ' so far, listing…' : ''}${
                filter ? `, ${rows.length.toLocaleString('en')} shown` : ''
              }`}
      </p>
      <EntryActions
        entry={current}
        exporting={exporting}
        onProgress={setExporting}
        onOpen={open}
        onRename={(entry) => setDialog({ kind: 'rename', entry })}
        onDelete={(entry) => setDialog({ kind: 'delete', entries: [entry] })}
      />
      <div className={previewing ? 'browser-panes with-preview' : 'browser-panes'}>
        {listing !== 'loading' && entries.length === 0 && listing !== 'error' ? (
          <p className="empty-state">This folder is empty.</p>
        ) : (
          <EntryList
            rows={rows}
            onOpen={open}
            onRename={(entry) => setDialog({ kind: 'rename', entry })}
            onDelete={(entry) => setDialog({ kind: 'delete', entries: [entry] })}
          />
        )}
        {previewing && <PreviewPanel entry={previewing} onClose={() => setPreviewing(null)} />}
      </div>
      {dialog && <EntryDialog state={dialog} onClose={() => setDialog(null)} />}
    </section>
  );
}
