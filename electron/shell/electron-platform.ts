import { clipboard, dialog, safeStorage, shell, type BrowserWindow } from 'electron';
import type { Platform } from '../services/platform';
import { protectionOf } from '../services/settings/secret-protection';

/** The desktop capabilities services are given in the real app. */
export function createElectronPlatform(window: () => BrowserWindow | null): Platform {
  return {
    keychain: {
      protection: async () =>
        protectionOf(
          await safeStorage.isAsyncEncryptionAvailable(),
          process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
        ),
      encrypt: (plain) => safeStorage.encryptStringAsync(plain),
      decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed))).result,
    },
    clipboard: { writeText: async (text) => clipboard.writeText(text) },
    dialogs: {
      async choosePaths({ kind, multiple, filters }) {
        const properties: ('openFile' | 'openDirectory' | 'multiSelections')[] = [
          kind === 'folder' ? 'openDirectory' : 'openFile',
        ];
        if (multiple) properties.push('multiSelections');
        const owner = window();
        const options = filters ? { properties, filters } : { properties };
        const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      async chooseSavePath({ title, defaultName, filters }) {
        const owner = window();
        const options = { title, defaultPath: defaultName, filters };
        const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    },
    shell: {
      openExternal: (url) => shell.openExternal(url),
      openFolder: async (path) => {
        const failure = await shell.openPath(path);
        if (failure) throw new Error(failure);
      },
    },
  };
}
