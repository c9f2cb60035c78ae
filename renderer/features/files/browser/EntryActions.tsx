import { ClipboardCopy, Download, Eye, FolderOpen, Pin, Scissors, Share2, Trash2 } from 'lucide-react';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { joinPath } from '../../../../shared/mfs-path';
import { formatBytes } from '../../../app/format';
import { Button } from '../../../ui/Button';
import { ActionMenu } from '../../../ui/Menu';
import { PinBadge } from '../../pins/PinBadge';
import { cancelExport, type ExportProgress } from './browser-actions';
import { entryMenu, type EntryCommands } from './use-entry-commands';
import { revealName } from '../../../../shared/hidden-characters';
import { Name } from '../../../ui/Name';

const SELECTING_HINT = 'Select items to act on them: click, Shift or Ctrl+click, Ctrl+A; right-click for a menu.';

/** The rarer single-entry actions, kept out of the bar. */
const inMoreMenu = new Set(['Rename', 'Download as CAR', 'Publish under a name']);

/**
 * One bar for the selection, always one line high so rows never move under the pointer: the common
 * actions as buttons (icons only on narrow windows), the rarer ones in a "…" menu, and the download
 * in progress with its cancel.
 */
export function EntryActions({
  entries,
  folder,
  commands,
  exporting,
  selectable,
}: {
  /** The folder the entries are in. */
  folder: string;
  entries: MfsEntry[];
  /** Whether the folder shows anything to select: the hint on selecting is only said then. */
  selectable: boolean;
  commands: EntryCommands;
  exporting: ExportProgress | null;
}) {
  const [only] = entries;
  const single = entries.length === 1 ? only : undefined;
  const name = single ? revealName(single.name) : `${entries.length} items`;
  return (
    <div className="entry-actions" role="toolbar" aria-label={only ? `Actions for ${name}` : 'Actions'}>
      {only ? (
        <>
          <span className="selection-count">{single ? '1 selected' : `${entries.length} selected`}</span>
          {single && (
            <BarButton
              label={single.type === 'folder' ? 'Open' : 'Preview'}
              icon={single.type === 'folder' ? FolderOpen : Eye}
              onClick={() => commands.open(single)}
            />
          )}
          {single && (
            <BarButton
              label="Download"
              icon={Download}
              disabled={exporting !== null}
              onClick={() => commands.download(single, 'content')}
            />
          )}
          <BarButton
            label="Cut"
            icon={Scissors}
            title="Cut, then paste in another folder to move"
            onClick={() => commands.cut(entries)}
          />
          <BarButton label="Delete" icon={Trash2} onClick={() => commands.remove(entries)} />
          <BarButton label="Pin to services" icon={Pin} onClick={() => commands.pinToServices(entries)} />
          {single && <BarButton label="Share" icon={Share2} onClick={() => commands.share(single)} />}
          <BarButton
            label={single ? 'Copy CID' : 'Copy CIDs'}
            icon={ClipboardCopy}
            onClick={() => commands.copyCids(entries)}
          />
          {single && (
            <ActionMenu
              label={`More actions for ${name}`}
              entries={entryMenu(entries, { ...commands, exporting: exporting !== null }).filter(
                (entry) => entry !== 'separator' && inMoreMenu.has(entry.label),
              )}
            />
          )}
          {single && <PinBadge cid={single.cid} inFilesAt={joinPath(folder, single.name)} />}
        </>
      ) : (
        selectable && (
          <p className="muted" title={SELECTING_HINT}>
            {SELECTING_HINT}
          </p>
        )
      )}
      {exporting && (
        <p>
          {/* Only the start is live: a count read out at each step of the download would drown all else. */}
          <span role="status">
            Downloading “<Name value={exporting.name} />”
          </span>
          : {formatBytes(exporting.bytes)}
          {exporting.totalBytes ? ` of ${formatBytes(exporting.totalBytes)}` : ''}{' '}
          <Button onClick={() => cancelExport(exporting.opId)}>Cancel download</Button>
        </p>
      )}
    </div>
  );
}

/** A bar button: icon and word, the word hidden on narrow windows (it stays the accessible name). */
function BarButton({
  label,
  icon,
  title,
  disabled,
  onClick,
}: {
  label: string;
  icon: typeof Download;
  title?: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <Button icon={icon} title={title ?? label} disabled={disabled} onClick={onClick}>
      <span className="bar-label narrow-hidden">{label}</span>
    </Button>
  );
}
