import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, File, Folder } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Kept, LocalKeep, MfsEntry } from '../../../../shared/ipc/contract';
import { joinPath } from '../../../../shared/mfs-path';
import { formatBytes } from '../../../app/format';
import { useAppStore } from '../../../app/store';
import { ActionMenu, ContextMenuArea, isContextMenuKey, openContextMenuAt, type MenuEntry } from '../../../ui/Menu';
import { localStateLabels, withMissing } from '../../pins/pin-labels';
import { rowInPlaceOf, type SortKey } from './entry-order';
import type { EntryCommands } from './use-entry-commands';
import { loadFolderSizes, loadPinned, moveEntry, openFolder } from './browser-actions';
import { MFS_PATH_TYPE, draggedPath } from './drag-path';
import { revealName } from '../../../../shared/hidden-characters';
import { Name } from '../../../ui/Name';

const ROW_HEIGHT = 32;
const PAGE_ROWS = 10;

/** Short, so the column never cuts them: everything in Files is kept, a pin says so too. */
const rowKeepLabels: Record<LocalKeep, string> = {
  recursive: 'Pinned',
  direct: 'Pinned',
  indirect: 'In a pin',
  files: 'Files',
  filesBlock: 'Top block',
  inline: 'Its CID',
  unprotected: 'Nothing',
  absent: 'Not here',
};

/** A row's keeper in a word; content the node lacks blocks of says so, with the count in its title. */
function KeptBy({ kept }: { kept: Kept<LocalKeep> | undefined }) {
  if (kept === undefined) return '…';
  if (kept.missing === 0) return rowKeepLabels[kept.keep];
  return (
    <span className="warning-text" title={withMissing(localStateLabels[kept.keep], kept.missing)}>
      {rowKeepLabels[kept.keep]}, incomplete
    </span>
  );
}

/** A folder's cumulative size once known; never "0 B" for a size nobody read. */
function sizeLabel(size: number | null | undefined): string {
  if (size === undefined) return '…';
  return size === null ? 'not all here' : formatBytes(size);
}

/** Size and Type are the secondary columns that narrow windows drop first. */
const columns: { key: SortKey | null; label: string; className?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'size', label: 'Size', className: 'col-size' },
  { key: 'type', label: 'Type', className: 'col-type' },
  { key: null, label: 'Kept by' },
  { key: null, label: 'CID' },
  { key: null, label: 'Actions' },
];

function typeLabel(entry: MfsEntry): string {
  if (entry.type === 'folder') return 'Folder';
  const dot = entry.name.lastIndexOf('.');
  return dot > 0 ? entry.name.slice(dot + 1).toUpperCase() : 'File';
}

/** The id of a sortable column's header, which the grid names as its active cell when the keys are on it. */
const headerId = (key: SortKey) => `entry-head-${key}`;

/**
 * The open folder as a grid, virtualized: only the rows on screen exist in the DOM, so 100,000
 * entries scroll like 10. One Tab stop (a grid is one widget; its rows' "…" and its sort buttons are
 * for the pointer: Up from the first row reaches the headers, Left and Right move along them, Enter
 * or Space sorts, Down goes back to the rows) and one selection: click, Shift+click for a run,
 * Ctrl/Cmd+click to add or remove one, Ctrl+A for all; arrows move (Shift extends), Enter opens,
 * F2 renames, Delete deletes, Ctrl+X cuts and Ctrl+V pastes (a move). Right-click, a row's "…", or
 * Shift+F10 and the ContextMenu key (on the active row) open the menu for the selection. Rows are dragged onto folder rows (or breadcrumbs) to move them.
 */
export function EntryList({
  rows,
  commands,
  menuFor,
  onPaste,
}: {
  rows: MfsEntry[];
  commands: EntryCommands;
  /** The menu for the selection when `entry` is in it, else for `entry` alone. */
  menuFor: (entry: MfsEntry) => MenuEntry[];
  onPaste: () => void;
}) {
  const folder = useAppStore((state) => state.folder);
  const selected = useAppStore((state) => state.selected);
  const cursor = useAppStore((state) => state.cursor);
  const cut = useAppStore((state) => state.cut);
  const entries = useAppStore((state) => state.entries);
  const { select, toggleSelected, selectRange, selectAll, moveCursor, replaceGone } = useAppStore.getState();
  const sort = useAppStore((state) => state.sort);
  const setSort = useAppStore((state) => state.setSort);
  const pinned = useAppStore((state) => state.pinned);
  const keepVersion = useAppStore((state) => state.keepVersion);
  const folderSizes = useAppStore((state) => state.folderSizes);
  const scroller = useRef<HTMLDivElement>(null);
  /** The sortable column whose header the keys are on, null while they are on the rows. */
  const [header, setHeader] = useState<SortKey | null>(null);
  // This app does not use the React Compiler; the virtualizer re-renders the list itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const names = useMemo(() => rows.map((row) => row.name), [rows]);
  const cursorIndex = cursor === null ? -1 : names.indexOf(cursor);
  const cutHere = cut && cut.folder === folder ? new Set(cut.names) : null;

  // The active row gone from view (deleted, moved away, filtered out), the row now in its place is the
  // active one: the grid kept the focus with no active row. A filter typed leaves the selection as it
  // was; an entry gone from the folder leaves it, and the row in its place is selected when nothing is.
  const lastShown = useRef<{ names: readonly string[]; index: number }>({ names: [], index: -1 });
  useEffect(() => {
    const { names: before, index } = lastShown.current;
    if (cursor === null || cursorIndex >= 0 || before[index] !== cursor) {
      lastShown.current = { names, index: cursorIndex };
      return;
    }
    const next = rowInPlaceOf(before, index, new Set(names));
    if (next === null) return;
    const present = new Set(entries.map((entry) => entry.name));
    if (present.has(cursor)) moveCursor(next);
    else replaceGone(next, present);
  }, [names, entries, cursor, cursorIndex, moveCursor, replaceGone]);

  // The active row on screen as the keys move it: the virtualizer scrolls the grid, but a short window
  // shows the grid's top only, its foot under the edge of the view's scroll area, which must follow.
  const cursorRendered = items.some((item) => item.index === cursorIndex);
  useEffect(() => {
    if (!cursorRendered || document.activeElement !== scroller.current) return;
    document.getElementById(`entry-${cursorIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [cursorIndex, cursorRendered]);

  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    const cids = rows.slice(first, last + 1).map((row) => row.cid);
    const folders = rows.slice(first, last + 1).filter((row) => row.size === null);
    const timer = setTimeout(() => {
      void loadPinned(cids);
      void loadFolderSizes(folders.map((row) => row.cid));
    }, 150);
    return () => clearTimeout(timer);
  }, [rows, first, last, keepVersion]);

  const moveTo = (index: number, extend: boolean) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    if (extend) selectRange(names, row.name);
    else select(row.name);
    virtualizer.scrollToIndex(rows.indexOf(row));
  };
  const chosen = () => rows.filter((row) => selected.includes(row.name));
  const whenChosen = (act: (entries: MfsEntry[]) => void) => () => {
    const entries = chosen();
    if (entries.length > 0) act(entries);
  };

  // The active row's menu, opened at the row; one scrolled out of the DOM or off screen is brought back first.
  const openRowMenu = () => {
    if (cursorIndex < 0) return;
    const open = () => {
      const element = document.getElementById(`entry-${cursorIndex}`);
      if (!element) return;
      // Scrolled off screen by the wheel, the menu would open there.
      element.scrollIntoView({ block: 'nearest' });
      openContextMenuAt(element);
    };
    if (document.getElementById(`entry-${cursorIndex}`)) {
      open();
      return;
    }
    virtualizer.scrollToIndex(cursorIndex);
    requestAnimationFrame(open);
  };

  const sortBy = (key: SortKey) => setSort({ key, descending: sort.key === key ? !sort.descending : false });

  /** Keys on the header row: along the sortable headers shown (narrow windows hide Size and Type). */
  const onHeaderKey = (key: SortKey, event: KeyboardEvent<HTMLDivElement>) => {
    const shown = columns
      .flatMap((column) => (column.key ? [column.key] : []))
      .filter((sortKey) => document.getElementById(headerId(sortKey))?.getClientRects().length);
    const at = shown.indexOf(key);
    const keys: Record<string, () => void> = {
      ArrowLeft: () => setHeader(shown[Math.max(0, at - 1)] ?? key),
      ArrowRight: () => setHeader(shown[Math.min(shown.length - 1, at + 1)] ?? key),
      Home: () => setHeader(shown[0] ?? key),
      End: () => setHeader(shown[shown.length - 1] ?? key),
      Enter: () => sortBy(key),
      ' ': () => sortBy(key),
      ArrowDown: () => {
        setHeader(null);
        if (cursorIndex < 0) moveTo(0, false);
      },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys reach here from a row's menu (a portal, still a React child) and the sort buttons too: they are theirs.
    if (event.target !== event.currentTarget) return;
    if (header !== null) {
      onHeaderKey(header, event);
      return;
    }
    if (event.key === 'ArrowUp' && cursorIndex <= 0 && !event.shiftKey) {
      event.preventDefault();
      setHeader(sort.key);
      return;
    }
    if (isContextMenuKey(event)) {
      event.preventDefault();
      openRowMenu();
      return;
    }
    const current = rows[cursorIndex];
    const extend = event.shiftKey;
    const command = event.ctrlKey || event.metaKey;
    const keys: Record<string, () => void> = command
      ? { a: () => selectAll(names), x: whenChosen(commands.cut), v: onPaste }
      : {
          ArrowDown: () => moveTo(cursorIndex + 1, extend),
          ArrowUp: () => moveTo(cursorIndex < 0 ? 0 : cursorIndex - 1, extend),
          PageDown: () => moveTo(cursorIndex + PAGE_ROWS, extend),
          PageUp: () => moveTo(cursorIndex - PAGE_ROWS, extend),
          Home: () => moveTo(0, extend),
          End: () => moveTo(rows.length - 1, extend),
          Enter: () => current && commands.open(current),
          F2: () => current && commands.rename(current),
          Delete: whenChosen(commands.remove),
          Backspace: () => folder !== '/' && openFolder(folder.slice(0, folder.lastIndexOf('/')) || '/'),
        };
    const action = keys[command ? event.key.toLowerCase() : event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const onRowClick = (event: MouseEvent, name: string) => {
    setHeader(null);
    if (event.shiftKey) selectRange(names, name);
    else if (event.ctrlKey || event.metaKey) toggleSelected(name);
    else select(name);
  };

  return (
    <div
      ref={scroller}
      className="entry-grid"
      role="grid"
      aria-label={`Files in ${folder}`}
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      aria-activedescendant={header !== null ? headerId(header) : cursorIndex >= 0 ? `entry-${cursorIndex}` : undefined}
      tabIndex={0}
      data-scroll-area
      onKeyDown={onKeyDown}
      // Back on the list, the keys start on its rows.
      onBlur={() => setHeader(null)}
      onContextMenu={(event) => {
        // A browser that sends the context-menu key's event to the list itself, not to a row.
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        openRowMenu();
      }}
    >
      <div role="rowgroup" className="entry-head">
        <div role="row" aria-rowindex={1} className="entry-row">
          {columns.map(({ key, label, className }) => (
            <div
              key={label}
              id={key ? headerId(key) : undefined}
              role="columnheader"
              className={[className, key && key === header ? 'is-cursor' : ''].filter(Boolean).join(' ') || undefined}
              aria-sort={key && sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}
            >
              {key ? (
                <button type="button" className="sort-button" tabIndex={-1} onClick={() => sortBy(key)}>
                  {label}
                  {sort.key === key &&
                    (sort.descending ? (
                      <ArrowDown className="icon" aria-hidden />
                    ) : (
                      <ArrowUp className="icon" aria-hidden />
                    ))}
                </button>
              ) : (
                <span className={label === 'Actions' ? 'visually-hidden' : undefined}>{label}</span>
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
          const isSelected = selected.includes(entry.name);
          const classes = ['entry-row', entry.type];
          if (cutHere?.has(entry.name)) classes.push('is-cut');
          if (entry.name === cursor && header === null) classes.push('is-cursor');
          return (
            <ContextMenuArea
              key={entry.name}
              label={`Menu for ${revealName(entry.name)}`}
              entries={menuFor(entry)}
              onOpen={() => {
                if (!isSelected) select(entry.name);
              }}
            >
              <div
                id={`entry-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={classes.join(' ')}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                draggable
                onClick={(event) => onRowClick(event, entry.name)}
                onDoubleClick={() => commands.open(entry)}
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
                  {entry.type === 'folder' ? (
                    <Folder className="icon entry-icon" aria-hidden />
                  ) : (
                    <File className="icon entry-icon" aria-hidden />
                  )}
                  <Name value={entry.name} />
                </div>
                <div role="gridcell" className="col-size">
                  {sizeLabel(entry.size ?? folderSizes[entry.cid])}
                </div>
                <div role="gridcell" className="col-type">
                  {typeLabel(entry)}
                </div>
                <div role="gridcell">
                  <KeptBy kept={pin} />
                </div>
                <div role="gridcell" className="entry-cid">
                  <code title={entry.cid}>{entry.cid}</code>
                </div>
                {/* The menu acts on the selection; its click must not re-select the row. */}
                <div role="gridcell" className="entry-more" onClick={(event) => event.stopPropagation()}>
                  <ActionMenu
                    label={`Actions for ${entry.name}`}
                    entries={menuFor(entry)}
                    returnTo={() => scroller.current}
                    tabStop={false}
                  />
                </div>
              </div>
            </ContextMenuArea>
          );
        })}
      </div>
    </div>
  );
}
