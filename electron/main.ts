import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { startHost, type Host } from './ipc/host';
import { readEnvOverrides } from './services/env';
import { registerAppScheme, serveAppProtocol } from './shell/app-protocol';
import { createElectronPlatform } from './shell/electron-platform';
import { addWindowToHub, registerIpc } from './shell/register-ipc';
import { hardenSession, hardenWindow, secureWebPreferences } from './shell/security';
import { APP_ORIGIN } from './shell/trusted-url';
import { DEFAULT_WINDOW, trackWindowState } from './shell/window-state';

// The thin Electron shell: window, protocol and IPC wiring. Everything else is a plain-Node service.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
const env = readEnvOverrides();
if (env.dataDir) app.setPath('userData', env.dataDir);

let mainWindow: BrowserWindow | null = null;
let host: Host | null = null;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!host) return;
    // Stop the embedded node before exiting, so its repo is left unlocked.
    event.preventDefault();
    const stopping = host;
    host = null;
    void stopping.dispose().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveAppProtocol(join(import.meta.dirname, '../renderer'));
  host = await startHost({ dataDir: app.getPath('userData'), env, platform: createElectronPlatform(() => mainWindow) });
  registerIpc(host.dispatcher, trustedOrigins);
  mainWindow = createWindow(host);
}

function createWindow({ services, hub }: Host): BrowserWindow {
  const state = services.settings.get().window ?? DEFAULT_WINDOW;
  const window = new BrowserWindow({
    ...state,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Cairn',
    webPreferences: { ...secureWebPreferences, preload: join(import.meta.dirname, '../preload/preload.cjs') },
  });
  hardenWindow(window, trustedOrigins);
  trackWindowState(window, (next) => void services.settings.saveWindowState(next));
  addWindowToHub(hub, window.webContents);
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
