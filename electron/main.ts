import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { startHost, type Host } from './ipc/host';
import { readEnvOverrides } from './services/env';
import { previewResponse } from './services/files/preview';
import { registerAppScheme, serveAppProtocol } from './shell/app-protocol';
import { createElectronPlatform } from './shell/electron-platform';
import { addWindowToHub, registerIpc } from './shell/register-ipc';
import { linkFromArgv } from './shell/opened-links';
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
let pendingLink: string | null = linkFromArgv(process.argv);

/** Shows an ipfs:// or ipns:// link in the Share view, once the window can take it. */
function openLink(url: string | null): void {
  if (!url) return;
  if (host && mainWindow && !mainWindow.webContents.isLoading()) host.hub.send('app.openLink', { url });
  else pendingLink = url;
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
    openLink(linkFromArgv(argv));
  });
  // macOS hands links over as an event, before or after the window exists.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
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
  serveAppProtocol(join(import.meta.dirname, '../renderer'), (url, range) => {
    const running = host;
    if (!running) return Promise.resolve(new Response('Cairn is starting.', { status: 503 }));
    return previewResponse(() => running.services.node.kubo(), url, range);
  });
  host = await startHost({ dataDir: app.getPath('userData'), env, platform: createElectronPlatform(() => mainWindow) });
  registerIpc(host.dispatcher, host.services.grants, trustedOrigins);
  if (app.isPackaged) {
    app.setAsDefaultProtocolClient('ipfs');
    app.setAsDefaultProtocolClient('ipns');
  }
  mainWindow = createWindow(host);
  mainWindow.webContents.once('did-finish-load', () => {
    const link = pendingLink;
    pendingLink = null;
    openLink(link);
  });
}

function createWindow({ services, hub }: Host): BrowserWindow {
  const state = services.windowState.get() ?? DEFAULT_WINDOW;
  const window = new BrowserWindow({
    ...state,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Cairn',
    webPreferences: { ...secureWebPreferences, preload: join(import.meta.dirname, '../preload/preload.cjs') },
  });
  hardenWindow(window, trustedOrigins);
  trackWindowState(window, (next) => void services.windowState.save(next).catch(() => undefined));
  addWindowToHub(hub, window.webContents);
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
