import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { joinPath } from '../../../../shared/mfs-path';
import { formatBytes } from '../../../app/format';
import { useAppStore } from '../../../app/store';
import type { SortKey } from './entry-order';
import { loadPinned, moveEntry } from './browser-actions';
import { MFS_PATH_TYPE, draggedPath } from './drag-path';

const ROW_HEIGHT = 36;
const PAGE_ROWS = 10;

const columns: { key: SortKey | null; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'size', label: 'Size' },
  { key: 'type', label: 'Type' },
  { key: null, label: 'Pinned' },
  { key: null, label: 'CID' },
];

function typeLabel(entry: MfsEntry): string {
  if (entry.type === 'folder') return 'Folder';
  const dot = entry.name.lastIndexOf('.');
  return dot > 0 ? entry.name.slice(dot + 1).toUpperCase() : 'File';
}

/**
 * The open folder as a grid, virtualized: only the rows on screen exist in the DOM, so 100,000
 * entries scroll like 10. One focus stop; arrows move the selection, Enter opens, F2 renames,
 * Delete deletes. Rows are dragged onto folder rows (or breadcrumbs) to move them.
 */
export function EntryList({
  rows,
  onOpen,
  onRename,
  onDelete,
}: {
  rows: MfsEntry[];
  onOpen: (entry: MfsEntry) => void;
  onRename: (entry: MfsEntry) => void;
  onDelete: (entry: MfsEntry) => void;
}) {
  const folder = useAppStore((state) => state.folder);
  const selected = useAppStore((state) => state.selected);
  const select = useAppStore((state) => state.select);
  const sort = useAppStore((state) => state.sort);
  const setSort = useAppStore((state) => state.setSort);
  const pinned = useAppStore((state) => state.pinned);
  const folderCid = useAppStore((state) => state.folderCid);
  // A pinned folder keeps all it contains; its entries say so rather than "not pinned".
  const folderPinned = folderCid !== null && pinned[folderCid] === true;
  const openFolder = useAppStore((state) => state.openFolder);
  const scroller = useRef<HTMLDivElement>(null);
  // This app does not use the React Compiler; the virtualizer re-renders the list itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const selectedIndex = selected === null ? -1 : rows.findIndex((row) => row.name === selected);

  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    const cids = rows.slice(first, last + 1).map((row) => row.cid);
    const timer = setTimeout(() => void loadPinned(folderCid ? [folderCid, ...cids] : cids), 150);
    return () => clearTimeout(timer);
  }, [rows, first, last, folderCid]);

  const moveTo = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    select(row.name);
    virtualizer.scrollToIndex(rows.indexOf(row));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = rows[selectedIndex];
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(selectedIndex + 1),
      ArrowUp: () => moveTo(selectedIndex < 0 ? 0 : selectedIndex - 1),
      PageDown: () => moveTo(selectedIndex + PAGE_ROWS),
      PageUp: () => moveTo(selectedIndex - PAGE_ROWS),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => current && onOpen(current),
      F2: () => current && onRename(current),
      Delete: () => current && onDelete(current),
      Backspace: () => folder !== '/' && openFolder(folder.slice(0, folder.lastIndexOf('/')) || '/'),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return (
    <div
      ref={scroller}
      className="entry-grid"
      role="grid"
      aria-label={`Files in ${folder}`}
      aria-rowcount={rows.length + 1}
      aria-activedescendant={selectedIndex >= 0 ? `entry-${selectedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="entry-head">
        <div role="row" aria-rowindex={1} className="entry-row">
          {columns.map(({ key, label }) => (
            <div
              key={label}
              role="columnheader"
              aria-sort={key && sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}
            >
              {key ? (
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : false })}
                >
                  {label}
                  {sort.key === key ? (sort.descending ? ' ↓' : ' ↑') : ''}
                </button>
              ) : (
                label
              )}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="entry-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const entry = rows[item.index];
          if (!entry) return null;
          const path = joinPath(folder, entry.name);
          const pin = pinned[entry.cid];
          return (
            <div
              key={entry.name}
              id={`entry-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={entry.name === selected}
              className={`entry-row ${entry.type}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              draggable
              onClick={() => select(entry.name)}
              onDoubleClick={() => onOpen(entry)}
              onDragStart={(event) => {
                event.dataTransfer.setData(MFS_PATH_TYPE, path);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(event) => {
                if (entry.type === 'folder' && event.dataTransfer.types.includes(MFS_PATH_TYPE)) {
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                }
              }}
              onDrop={(event) => {
                const from = draggedPath(event.dataTransfer);
                if (entry.type !== 'folder' || !from || from === path) return;
                event.preventDefault();
                void moveEntry(from, path);
              }}
            >
              <div role="gridcell" className="entry-name">
                <EntryIcon folder={entry.type === 'folder'} />
                {entry.name}
              </div>
              <div role="gridcell">{formatBytes(entry.size)}</div>
              <div role="gridcell">{typeLabel(entry)}</div>
              <div role="gridcell">
                {pin === undefined ? '…' : pin ? 'Pinned' : folderPinned ? 'In pinned folder' : 'Not pinned'}
              </div>
              <div role="gridcell" className="entry-cid">
                <code>{entry.cid}</code>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Drawn, not an emoji: emoji fonts are missing on many Linux desktops. */
function EntryIcon({ folder }: { folder: boolean }) {
  return (
    <svg className="entry-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      {folder ? <path d="M1.5 3.5h4l1.5 1.5h7.5v8h-13z" /> : <path d="M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3" />}
    </svg>
  );
}
