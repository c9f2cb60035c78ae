import type { ElectronApplication, Frame, Page } from '@playwright/test';
import { expect, skipped, test } from './launch';

/** A loopback address nothing answers on: if a guard failed, nothing would leave this machine. */
const NOWHERE = 'http://127.0.0.1:9/';

// What only Electron can show of the trust boundary: the preload's surface, the sender-frame check
// of every IPC message, and the denial of navigation, new windows and permissions.
test.describe('the desktop app’s boundary', () => {
  test.skip(skipped !== null, skipped ?? '');

  test('the preload adds window.cairn and nothing else, with named methods only', async ({ desktop }) => {
    const page = await desktop.appWindow();
    const surface = await page.evaluate(() => {
      // A same-origin blank frame has no preload (nodeIntegrationInSubFrames is off): what the
      // window has beyond it is what the preload and the page's own bundle added.
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const blank = new Set(Object.getOwnPropertyNames(frame.contentWindow));
      const frameHasCairn = 'cairn' in (frame.contentWindow ?? {});
      frame.remove();
      const api = window.cairn ?? {};
      return {
        // zod, in the page's bundle, keeps its registry on globalThis.
        added: Object.getOwnPropertyNames(window).filter((name) => !blank.has(name) && !name.startsWith('__zod_')),
        frameHasCairn,
        methods: Object.entries(api)
          .map(([name, value]) => `${name}:${typeof value}`)
          .sort(),
        node: ['require', 'process', 'module', 'Buffer', 'global', 'ipcRenderer', 'electron'].filter(
          (name) => name in window,
        ),
      };
    });
    expect(surface).toEqual({
      added: ['cairn'],
      frameHasCairn: false,
      methods: [
        'cancel:function',
        'copyText:function',
        'grantForFile:function',
        'invoke:function',
        'on:function',
        'previewUrl:function',
      ],
      node: [],
    });
  });

  test('refuses IPC from a frame that is not the top-level page, even with the preload in it', async ({ desktop }) => {
    await desktop.appWindow();
    const { page, inner } = await openFramedWindow(desktop.app);

    const fromTop = await page.evaluate(() => window.cairn?.invoke('node.status', {}));
    expect(fromTop?.ok).toBe(true);
    const fromFrame = await inner.evaluate(() => window.cairn?.invoke('node.status', {}));
    expect(fromFrame).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame was refused.' },
    });
  });

  test('keeps a frame of any window on the app: a frame’s navigation to the web is denied', async ({ desktop }) => {
    const { app } = desktop;
    await desktop.appWindow();
    // The test's own window, created after the app's: hardened all the same (web-contents-created).
    const { page, inner } = await openFramedWindow(app);
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows().find((window) =>
        window.webContents.getURL().endsWith('/outer.html'),
      );
      Object.assign(globalThis, {
        frameNavigationPrevented: new Promise<boolean>((resolve) => {
          contents?.webContents.once('will-frame-navigate', (event) => resolve(event.defaultPrevented));
        }),
      });
    });
    await inner.evaluate((url) => {
      location.href = url;
    }, NOWHERE);
    expect(
      await app.evaluate(
        () => (globalThis as unknown as { frameNavigationPrevented: Promise<boolean> }).frameNavigationPrevented,
      ),
    ).toBe(true);
    expect(page.frames().map((frame) => frame.url())).toEqual(['app://cairn/outer.html', 'app://cairn/inner.html']);
  });

  test('stays on its page: navigation and new windows are denied', async ({ desktop }) => {
    const { app } = desktop;
    const page = await desktop.appWindow();
    // A listener added after the app's own sees whether the app prevented the navigation.
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents;
      Object.assign(globalThis, {
        navigationPrevented: new Promise<boolean>((resolve) => {
          contents?.once('will-navigate', (event) => resolve(event.defaultPrevented));
        }),
      });
    });
    await page.evaluate((url) => {
      location.href = url;
    }, NOWHERE);
    expect(
      await app.evaluate(
        () => (globalThis as unknown as { navigationPrevented: Promise<boolean> }).navigationPrevented,
      ),
    ).toBe(true);
    expect(page.url()).toMatch(/^app:\/\/cairn\//);

    // window.open gives null when the app's handler denies it, and no window appears.
    expect(await page.evaluate((url) => window.open(url) === null, NOWHERE)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('cancels a download the page starts', async ({ desktop }) => {
    const { app } = desktop;
    const page = await desktop.appWindow();
    await app.evaluate(({ session }) => {
      Object.assign(globalThis, {
        downloadPrevented: new Promise<boolean>((resolve) => {
          session.defaultSession.once('will-download', (event) => resolve(event.defaultPrevented));
        }),
      });
    });
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob(['planted']));
      link.download = 'planted.txt';
      link.click();
    });
    expect(
      await app.evaluate(() => (globalThis as unknown as { downloadPrevented: Promise<boolean> }).downloadPrevented),
    ).toBe(true);
  });

  test('denies every permission the page asks for', async ({ desktop }) => {
    const page = await desktop.appWindow();
    const answers = await page.evaluate(async () => ({
      notifications: await Notification.requestPermission(),
      clipboardRead: await navigator.clipboard.readText().then(
        () => 'granted',
        (error: unknown) => (error instanceof Error ? error.name : String(error)),
      ),
      // A query goes through the permission check handler, and asks no location of anyone.
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
    }));
    expect(answers).toEqual({ notifications: 'denied', clipboardRead: 'NotAllowedError', geolocation: 'denied' });
  });
});

/**
 * A window of the test's own, in its own session: a trusted app:// page whose iframe (same origin,
 * no CSP in the way) also gets the preload, as nodeIntegrationInSubFrames allows.
 */
async function openFramedWindow(app: ElectronApplication): Promise<{ page: Page; inner: Frame }> {
  const opened = app.waitForEvent('window');
  await app.evaluate(({ app: electronApp, BrowserWindow, session }) => {
    const pages: Record<string, string> = {
      '/outer.html': '<!doctype html><title>outer</title><iframe src="app://cairn/inner.html"></iframe>',
      '/inner.html': '<!doctype html><title>inner</title>',
    };
    const frames = session.fromPartition('cairn-frame-test');
    frames.protocol.handle('app', (request) => {
      const page = pages[new URL(request.url).pathname];
      return new Response(page ?? 'not found', {
        status: page ? 200 : 404,
        headers: { 'Content-Type': 'text/html' },
      });
    });
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        session: frames,
        preload: `${electronApp.getAppPath()}/out/preload/preload.cjs`,
        sandbox: true,
        contextIsolation: true,
        nodeIntegrationInSubFrames: true,
      },
    });
    void window.loadURL('app://cairn/outer.html');
  });
  const page = await opened;
  await page.waitForLoadState('load');
  const inner = page.frames().find((frame) => frame.url() === 'app://cairn/inner.html');
  if (!inner) throw new Error('the inner frame did not load');
  return { page, inner };
}
