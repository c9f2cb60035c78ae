import { useEffect, useMemo, useState } from 'react';
import { ClipboardPaste, FolderPlus, RefreshCw } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { joinPath } from '../../../../shared/mfs-path';
import { useAppStore } from '../../../app/store';
import { TextField } from '../../../app/TextField';
import { Button } from '../../../ui/Button';
import { recheckKeep } from '../../pins/pins-actions';
import { PinToServicesDialog } from '../../pins/PinToServices';
import { Breadcrumbs } from './Breadcrumbs';
import { followFolderChanges, openFolder, pasteCut, refreshFolder, type ExportProgress } from './browser-actions';
import { EntryActions } from './EntryActions';
import { EntryDialog, type EntryDialogState } from './EntryDialog';
import { EntryList } from './EntryList';
import { createVisibleEntries } from './entry-order';
import { FolderEmpty } from './FolderEmpty';
import { PreviewPanel } from './PreviewPanel';
import { entryMenu, useEntryCommands } from './use-entry-commands';
import './file-browser.css';
import { Name } from '../../../ui/Name';

/** The node's Files (MFS): one folder at a time, with everything that can be done to its entries. */
export function FileBrowser() {
  const { folder, entries, listing, listingError, sort, filter, selected, cut, previewing, nodeState } = useAppStore(
    useShallow((state) => ({
      folder: state.folder,
      entries: state.entries,
      listing: state.listing,
      listingError: state.listingError,
      sort: state.sort,
      filter: state.filter,
      selected: state.selected,
      cut: state.cut,
      previewing: state.previewing,
      nodeState: state.node?.state,
    })),
  );
  const { setFilter, setPreviewing } = useAppStore.getState();
  const [dialog, setDialog] = useState<EntryDialogState>(null);
  const [pinning, setPinning] = useState<MfsEntry[] | null>(null);
  const [exporting, setExporting] = useState<ExportProgress | null>(null);
  const [sortedRows] = useState(createVisibleEntries);
  const rows = useMemo(() => sortedRows(entries, sort, filter), [sortedRows, entries, sort, filter]);
  const selection = useMemo(() => rows.filter((row) => selected.includes(row.name)), [rows, selected]);

  useEffect(() => followFolderChanges(), []);
  useEffect(() => {
    if (nodeState === 'running') refreshFolder();
  }, [nodeState]);
  // Esc closes the preview (dialogs and menus close themselves first).
  useEffect(() => {
    if (!previewing) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) setPreviewing(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [previewing, setPreviewing]);

  const commands = useEntryCommands({
    onOpen: (entry) => {
      if (entry.type === 'folder') openFolder(joinPath(folder, entry.name));
      else setPreviewing(entry);
    },
    onRename: (entry) => setDialog({ kind: 'rename', entry }),
    onDelete: (chosen) => setDialog({ kind: 'delete', entries: chosen }),
    onPinToServices: setPinning,
    onProgress: setExporting,
  });
  const menuFor = (entry: MfsEntry) =>
    entryMenu(selected.includes(entry.name) ? selection : [entry], { ...commands, exporting: exporting !== null });
  const canPaste = cut !== null && cut.folder !== folder;

  return (
    <section className="file-browser" aria-labelledby="file-browser-title">
      <h2 id="file-browser-title" className="visually-hidden">
        Browse files
      </h2>
      <div className="browser-bar">
        <Breadcrumbs />
        <TextField label="Filter by name or CID" value={filter} onChange={setFilter} type="search" className="filter" />
        {canPaste && (
          <Button icon={ClipboardPaste} onClick={() => void pasteCut()}>
            Paste{' '}
            {cut.names.length === 1 ? (
              <>
                “<Name value={cut.names[0] ?? ''} />”
              </>
            ) : (
              `${cut.names.length} items`
            )}{' '}
            here
          </Button>
        )}
        <Button icon={FolderPlus} onClick={() => setDialog({ kind: 'new-folder' })}>
          New folder
        </Button>
        <Button
          icon={RefreshCw}
          onClick={() => {
            refreshFolder();
            // A refresh also looks for pins another program made on the node.
            recheckKeep();
          }}
        >
          Refresh
        </Button>
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
        folder={folder}
        entries={selection}
        commands={commands}
        exporting={exporting}
        selectable={rows.length > 0}
      />
      <div className={previewing ? 'browser-panes with-preview' : 'browser-panes'}>
        {listing !== 'loading' && entries.length === 0 && listing !== 'error' ? (
          <FolderEmpty />
        ) : (
          <EntryList rows={rows} commands={commands} menuFor={menuFor} onPaste={() => void pasteCut()} />
        )}
        {previewing && <PreviewPanel entry={previewing} onClose={() => setPreviewing(null)} />}
      </div>
      {dialog && <EntryDialog state={dialog} onClose={() => setDialog(null)} />}
      <PinToServicesDialog
        cids={pinning?.map((entry) => entry.cid) ?? []}
        defaultName={pinning?.length === 1 ? (pinning[0]?.name ?? '') : ''}
        open={pinning !== null}
        onClose={() => setPinning(null)}
      />
    </section>
  );
}
