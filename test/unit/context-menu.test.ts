import { describe, expect, it } from 'vitest';
import { contextMenuItems, type ContextTarget } from '../../electron/services/desktop/context-menu';

const none = { canCut: false, canCopy: false, canPaste: false, canSelectAll: false };
const cid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const plain: ContextTarget = { isEditable: false, selectionText: '', linkURL: '', editFlags: none };

function labels(target: ContextTarget): string[] {
  return contextMenuItems(target).map((item) => (item.kind === 'separator' ? '---' : item.label));
}

describe('context menu', () => {
  it('offers cut, copy, paste and select all on a text field, enabled as Chromium says', () => {
    const items = contextMenuItems({ ...plain, isEditable: true, editFlags: { ...none, canPaste: true } });
    expect(items).toEqual([
      { kind: 'role', role: 'cut', label: 'Cut', enabled: false },
      { kind: 'role', role: 'copy', label: 'Copy', enabled: false },
      { kind: 'role', role: 'paste', label: 'Paste', enabled: true },
      { kind: 'separator' },
      { kind: 'role', role: 'selectAll', label: 'Select all', enabled: false },
    ]);
  });

  it('offers Copy CID on a selected CID, and Copy link on a link', () => {
    const onCid = contextMenuItems({ ...plain, selectionText: ` ${cid} `, editFlags: { ...none, canCopy: true } });
    expect(onCid).toEqual([
      { kind: 'role', role: 'copy', label: 'Copy', enabled: true },
      { kind: 'separator' },
      { kind: 'copy-text', label: 'Copy CID', text: cid },
    ]);
    expect(contextMenuItems({ ...plain, linkURL: `ipfs://${cid}` })).toEqual([
      { kind: 'copy-text', label: 'Copy link', text: `ipfs://${cid}` },
    ]);
  });

  it('offers nothing on plain page areas, and no Copy CID for words that are not CIDs', () => {
    expect(labels(plain)).toEqual([]);
    expect(labels({ ...plain, selectionText: 'Pinned on two services' })).toEqual(['Copy']);
    expect(labels({ ...plain, selectionText: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3ocl' })).toEqual(['Copy']);
  });
});
