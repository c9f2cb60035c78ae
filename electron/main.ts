import { join } from 'node:path';
import { app, BrowserWindow, dialog, screen, session } from 'electron';
import { AppError } from '../shared/errors';
import { startHost, type Host } from './ipc/host';
import { readEnvOverrides } from './services/env';
import { createLogger, startLogFile } from './services/log';
import { previewResponse } from './services/files/preview';
import { registerAppScheme, serveAppProtocol } from './shell/app-protocol';
import { createElectronPlatform } from './shell/electron-platform';
import { addWindowToHub, registerIpc } from './shell/register-ipc';
import { createOpenHandOff, openRequestsFromArgv, type OpenRequest } from './services/desktop/launch-arguments';
import { restoreWindowState } from './services/desktop/display-clamp';
import { attachContextMenu } from './shell/context-menu';
import { applyDesktopSettings } from './shell/desktop';
import { startTray, type AppTray } from './shell/tray';
import { hardenContents, hardenSession, secureWebPreferences } from './shell/security';
import { APP_ORIGIN } from './shell/trusted-url';
import { DEFAULT_WINDOW, trackWindowState } from './shell/window-state';

// The thin Electron shell: window, protocol and IPC wiring. Everything else is a plain-Node service.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
const env = readEnvOverrides();
if (env.dataDir) app.setPath('userData', env.dataDir);

let mainWindow: BrowserWindow | null = null;
let host: Host | null = null;
let tray: AppTray | null = null;

/** A link goes to the Share view; a CAR file is imported into Files through the upload queue. */
function deliver(request: OpenRequest): void {
  if (!host) return;
  if (request.kind === 'link') host.hub.send('app.openLink', { url: request.url });
  else {
    const { profile, pin, hidden, symlinks, pinServices } = host.services.settings.get().uploads;
    const options = { profile, pin, hidden, symlinks, pinServices };
    void host.services.uploads.enqueue({
      folder: '/',
      sources: [{ kind: 'path', path: request.path, car: true }],
      options,
    });
  }
}

// What the OS asks Cairn to open waits here until the window has loaded.
const openRequests = createOpenHandOff(deliver);
openRequests.receive(openRequestsFromArgv(process.argv, process.cwd()));

registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenContents(contents, trustedOrigins));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (a link or a CAR opened from the OS) hands its arguments here and quits.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    showWindow();
    openRequests.receive(openRequestsFromArgv(argv, workingDirectory));
  });
  // macOS hands links and files over as events, before or after the window exists.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openRequests.receive([{ kind: 'link', url }]);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openRequests.receive(openRequestsFromArgv(['', path], process.cwd()));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!host) return;
    // Stop the embedded node before exiting, so its repo is left unlocked.
    event.preventDefault();
    const stopping = host;
    host = null;
    tray?.destroy();
    void stopping.dispose().finally(() => app.quit());
  });
  void app.whenReady().then(start).catch(failedToStart);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const kubo = () => {
    if (!host) throw new AppError('NODE_UNAVAILABLE', 'Cairn is starting.');
    return host.services.node.kubo();
  };
  serveAppProtocol(join(import.meta.dirname, '../renderer'), (url, range) => previewResponse(kubo, url, range));
  await startLogFile(app.getPath('userData'));
  host = await startHost({ dataDir: app.getPath('userData'), env, platform: createElectronPlatform(() => mainWindow) });
  registerIpc(host.dispatcher, host.services.grants, trustedOrigins);
  if (app.isPackaged) {
    app.setAsDefaultProtocolClient('ipfs');
    app.setAsDefaultProtocolClient('ipns');
  }
  mainWindow = createWindow(host);
  mainWindow.webContents.on('did-start-loading', () => openRequests.notReady());
  mainWindow.webContents.on('did-finish-load', () => openRequests.ready());
  applyDesktopSettings(host.services, () => mainWindow?.isFocused() ?? false, createLogger('desktop'));
  tray = startTray(host.services, showWindow);
  // An OS tray menu cannot be clicked by a test: test/electron/app.spec.ts reads and runs it here instead.
  if (!app.isPackaged) Object.assign(globalThis, { cairnTray: tray });
}

/** A start that failed (another Cairn on the data folder, say) has no window to tell it in: a dialog does, then Cairn quits. */
function failedToStart(error: unknown): void {
  createLogger('main').error('Cairn did not start', error);
  dialog.showErrorBox('Cairn did not start', error instanceof Error ? error.message : String(error));
  app.quit();
}

function showWindow(): void {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.show();
  mainWindow?.focus();
}

function createWindow({ services, hub }: Host): BrowserWindow {
  const saved = services.windowState.get() ?? DEFAULT_WINDOW;
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = restoreWindowState(saved, workAreas, screen.getPrimaryDisplay().workArea);
  const window = new BrowserWindow({
    ...state,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Cairn',
    webPreferences: { ...secureWebPreferences, preload: join(import.meta.dirname, '../preload/preload.cjs') },
  });
  trackWindowState(window, (next) => void services.windowState.save(next).catch(() => undefined));
  addWindowToHub(hub, window.webContents);
  attachContextMenu(window.webContents);
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
