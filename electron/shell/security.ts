import type { BrowserWindow, Session } from 'electron';
import { isTrustedRendererUrl } from './trusted-url';

/**
 * Every window-level item of the security checklist in one place: no permissions, no new
 * windows, no navigation away from the app, no webviews.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function hardenWindow(window: BrowserWindow, trustedOrigins: readonly string[]): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayInApp = (event: Electron.Event, url: string) => {
    if (!isTrustedRendererUrl(url, trustedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The options every Cairn window is created with. */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
} as const;
