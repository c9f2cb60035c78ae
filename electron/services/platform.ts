import type { SecretProtection } from '../../shared/settings';

/**
 * What services need from the desktop, injected so that every service runs under plain Node:
 * Electron implements these in electron/platform/, the test bridge and unit tests pass their own.
 */
export interface Keychain {
  /** How well sealed secrets are kept here; callers refuse to store them without the protection the user wants. */
  protection(): Promise<SecretProtection>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(sealed: Uint8Array): Promise<string>;
}

export interface Clipboard {
  writeText(text: string): Promise<void>;
}

export interface FileFilter {
  name: string;
  /** Without the dot: `key`, `pem`. */
  extensions: string[];
}

export interface Dialogs {
  /** Absolute paths the user chose, or [] when the dialog was dismissed. */
  choosePaths(options: { kind: 'files' | 'folder'; multiple: boolean; filters?: FileFilter[] }): Promise<string[]>;
  /** Where the user wants a file written (the app asks, never the renderer), or null when dismissed. */
  chooseSavePath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
}

export interface Shell {
  /** Opens an already-validated http(s) URL in the user's browser. */
  openExternal(url: string): Promise<void>;
  /** Shows a folder of the app's own (the logs) in the file manager. */
  openFolder(path: string): Promise<void>;
}

export interface Platform {
  keychain: Keychain;
  clipboard: Clipboard;
  dialogs: Dialogs;
  shell: Shell;
}
