/**
 * What services need from the desktop, injected so that every service runs under plain Node:
 * Electron implements these in electron/platform/, the test bridge and unit tests pass their own.
 */
export interface Keychain {
  /** False where the OS offers no secret storage; callers then refuse to store secrets. */
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(sealed: Uint8Array): Promise<string>;
}

export interface Clipboard {
  writeText(text: string): Promise<void>;
}

export interface Dialogs {
  /** Absolute paths the user chose, or [] when the dialog was dismissed. */
  choosePaths(options: { kind: 'files' | 'folder'; multiple: boolean }): Promise<string[]>;
  /**
   * Where to write an export, asked of the user by main (the renderer never names a path to write):
   * for 'file', the file's path from a save dialog; for 'folder', an existing folder to write into.
   * Null when the dialog was dismissed.
   */
  chooseExportTarget(options: { kind: 'file' | 'folder'; suggestedName: string }): Promise<string | null>;
}

export interface Shell {
  /** Opens an already-validated http(s) URL in the user's browser. */
  openExternal(url: string): Promise<void>;
}

export interface Platform {
  keychain: Keychain;
  clipboard: Clipboard;
  dialogs: Dialogs;
  shell: Shell;
}
