import { clipboard, Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { contextMenuItems } from '../services/desktop/context-menu';

/** Right-click menus on the window (electron/services/desktop/context-menu.ts decides what is in them). */
export function attachContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const items = contextMenuItems(params);
    if (items.length === 0) return;
    const template = items.map((item): MenuItemConstructorOptions => {
      if (item.kind === 'separator') return { type: 'separator' };
      if (item.kind === 'role') return { role: item.role, label: item.label, enabled: item.enabled };
      return { label: item.label, click: () => void clipboard.writeText(item.text) };
    });
    Menu.buildFromTemplate(template).popup();
  });
}
