import { parseCid } from '../../../shared/links/content-ref';

/** What was right-clicked, as Electron's context-menu event describes it (the fields used here). */
export interface ContextTarget {
  isEditable: boolean;
  selectionText: string;
  linkURL: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export type ContextItem =
  | { kind: 'role'; role: 'cut' | 'copy' | 'paste' | 'selectAll'; label: string; enabled: boolean }
  | { kind: 'copy-text'; label: string; text: string }
  | { kind: 'separator' };

/**
 * The right-click menu Electron does not give by default: editing on text fields, copy on a
 * selection, and "Copy CID" or "Copy link" on a CID or a link.
 */
export function contextMenuItems(target: ContextTarget): ContextItem[] {
  const { editFlags } = target;
  const selection = target.selectionText.trim();
  const items: ContextItem[] = [];
  if (target.isEditable) {
    items.push(
      { kind: 'role', role: 'cut', label: 'Cut', enabled: editFlags.canCut },
      { kind: 'role', role: 'copy', label: 'Copy', enabled: editFlags.canCopy },
      { kind: 'role', role: 'paste', label: 'Paste', enabled: editFlags.canPaste },
      { kind: 'separator' },
      { kind: 'role', role: 'selectAll', label: 'Select all', enabled: editFlags.canSelectAll },
    );
  } else if (selection) {
    items.push({ kind: 'role', role: 'copy', label: 'Copy', enabled: editFlags.canCopy });
  }
  const extra: ContextItem[] = [];
  if (isCid(selection)) extra.push({ kind: 'copy-text', label: 'Copy CID', text: selection });
  if (target.linkURL) extra.push({ kind: 'copy-text', label: 'Copy link', text: target.linkURL });
  if (items.length > 0 && extra.length > 0) items.push({ kind: 'separator' });
  return [...items, ...extra];
}

/** A CID in any multibase; words that happen to decode in some base are too short to be one. */
function isCid(text: string): boolean {
  if (text.length < 40 || /\s/.test(text)) return false;
  try {
    parseCid(text);
    return true;
  } catch {
    return false;
  }
}
