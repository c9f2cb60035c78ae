import { clipboard, dialog, safeStorage, shell, type BrowserWindow } from 'electron';
import type { Platform } from '../services/platform';

/** The desktop capabilities services are given in the real app. */
export function createElectronPlatform(window: () => BrowserWindow | null): Platform {
  return {
    keychain: {
      isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
      encrypt: (plain) => safeStorage.encryptStringAsync(plain),
      decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed))).result,
    },
    clipboard: { writeText: async (text) => clipboard.writeText(text) },
    dialogs: {
      async choosePaths({ kind, multiple }) {
        const properties: ('openFile' | 'openDirectory' | 'multiSelections')[] = [
          kind === 'folder' ? 'openDirectory' : 'openFile',
        ];
        if (multiple) properties.push('multiSelections');
        const owner = window();
        const result = owner
          ? await dialog.showOpenDialog(owner, { properties })
          : await dialog.showOpenDialog({ properties });
        return result.canceled ? [] : result.filePaths;
      },
      async chooseExportTarget({ kind, suggestedName }) {
        const owner = window();
        if (kind === 'file') {
          const options = { defaultPath: suggestedName, properties: ['createDirectory' as const] };
          const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        }
        const options = {
          title: `Export “${suggestedName}” into`,
          buttonLabel: 'Export here',
          properties: ['openDirectory' as const, 'createDirectory' as const],
        };
        const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    },
    shell: { openExternal: (url) => shell.openExternal(url) },
  };
}
