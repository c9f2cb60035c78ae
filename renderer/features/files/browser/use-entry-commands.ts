import {
  ClipboardCopy,
  Download,
  Eye,
  FolderOpen,
  Package,
  PenLine,
  Pin,
  Scissors,
  Share2,
  Signature,
  Trash2,
} from 'lucide-react';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { joinPath } from '../../../../shared/mfs-path';
import { useAppStore } from '../../../app/store';
import type { MenuEntry } from '../../../ui/Menu';
import { publishUnderName } from '../../ipns/ipns-actions';
import { shareContent } from '../../share/share-actions';
import { copyCids, exportEntry, type ExportProgress } from './browser-actions';
import { quoted } from '../../../../shared/hidden-characters';

export interface EntryCommands {
  open: (entry: MfsEntry) => void;
  rename: (entry: MfsEntry) => void;
  remove: (entries: MfsEntry[]) => void;
  cut: (entries: MfsEntry[]) => void;
  download: (entry: MfsEntry, as: 'content' | 'car') => void;
  share: (entry: MfsEntry) => void;
  publish: (entry: MfsEntry) => void;
  pinToServices: (entries: MfsEntry[]) => void;
  copyCids: (entries: MfsEntry[]) => void;
}

/** What the browser can do to entries, wired to the dialogs and progress the view owns. */
export function useEntryCommands({
  onOpen,
  onRename,
  onDelete,
  onPinToServices,
  onProgress,
}: {
  onOpen: (entry: MfsEntry) => void;
  onRename: (entry: MfsEntry) => void;
  onDelete: (entries: MfsEntry[]) => void;
  onPinToServices: (entries: MfsEntry[]) => void;
  onProgress: (progress: ExportProgress | null) => void;
}): EntryCommands {
  return {
    open: onOpen,
    rename: onRename,
    remove: onDelete,
    cut: (entries) => {
      const { folder, setCut, notify } = useAppStore.getState();
      setCut({ folder, names: entries.map((entry) => entry.name) });
      notify(
        'info',
        `Cut ${entries.length === 1 ? quoted(entries[0]?.name ?? '') : `${entries.length} items`}: open another folder and paste (Ctrl+V) to move ${entries.length === 1 ? 'it' : 'them'}.`,
      );
    },
    download: (entry, as) => void exportEntry(entry, as, onProgress),
    share: (entry) => {
      const { folder, folderCid } = useAppStore.getState();
      shareContent(shareRef(entry, folder, folderCid));
    },
    publish: (entry) => publishUnderName(joinPath(useAppStore.getState().folder, entry.name)),
    pinToServices: onPinToServices,
    copyCids: (entries) => void copyCids(entries),
  };
}

/** The menu for entries (a row's "…", a right-click): one entry's whole list, or what applies to many. */
export function entryMenu(entries: MfsEntry[], commands: EntryCommands & { exporting: boolean }): MenuEntry[] {
  const [only] = entries;
  const many: MenuEntry[] = [
    { label: 'Cut', icon: Scissors, onSelect: () => commands.cut(entries) },
    {
      label: entries.length === 1 ? 'Copy CID' : 'Copy CIDs',
      icon: ClipboardCopy,
      onSelect: () => commands.copyCids(entries),
    },
    { label: 'Pin to services', icon: Pin, onSelect: () => commands.pinToServices(entries) },
    'separator',
    { label: 'Delete', icon: Trash2, danger: true, onSelect: () => commands.remove(entries) },
  ];
  if (!only || entries.length > 1) return many;
  return [
    {
      label: only.type === 'folder' ? 'Open' : 'Preview',
      icon: only.type === 'folder' ? FolderOpen : Eye,
      onSelect: () => commands.open(only),
    },
    { label: 'Rename', icon: PenLine, onSelect: () => commands.rename(only) },
    {
      label: 'Download',
      icon: Download,
      disabled: commands.exporting,
      onSelect: () => commands.download(only, 'content'),
    },
    {
      label: 'Download as CAR',
      icon: Package,
      disabled: commands.exporting,
      onSelect: () => commands.download(only, 'car'),
    },
    { label: 'Share', icon: Share2, onSelect: () => commands.share(only) },
    { label: 'Publish under a name', icon: Signature, onSelect: () => commands.publish(only) },
    'separator',
    ...many,
  ];
}

/**
 * Inside a folder, the link goes through the folder's CID (`ipfs://<folder>/<name>`), the form an NFT
 * collection's metadata uses; at the top of Files, the entry's own CID, named for downloads.
 */
function shareRef(entry: MfsEntry, folder: string, folderCid: string | null): string {
  if (folder !== '/' && folderCid) return `ipfs://${folderCid}/${encodeURIComponent(entry.name)}`;
  return `ipfs://${entry.cid}${entry.type === 'file' ? `?filename=${encodeURIComponent(entry.name)}` : ''}`;
}
