import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { hardenContents, hardenSession, secureWebPreferences } from '../../electron/shell/security';
import { APP_ORIGIN, navigationAllowed } from '../../electron/shell/trusted-url';

const trusted = [APP_ORIGIN];

describe('navigationAllowed', () => {
  it.each([
    // The top-level page stays the app: never a preview, never the web.
    ['app://cairn/index.html', true, true],
    ['app://cairn/__cairn/preview/bafkqaaa/page.html', true, false],
    ['http://127.0.0.1:9/', true, false],
    // A frame in it stays on the app's origin: previews are frames; a preview does not go to the web.
    ['app://cairn/__cairn/preview/bafkqaaa/page.html', false, true],
    ['about:blank', false, true],
    ['http://127.0.0.1:9/', false, false],
    ['https://example.com/', false, false],
    ['app://evil/__cairn/preview/bafkqaaa/page.html', false, false],
    ['file:///etc/passwd', false, false],
    ['javascript:alert(1)', false, false],
    ['about:srcdoc', false, false],
  ])('%s (top level: %s) -> %s', (url, isMainFrame, expected) => {
    expect(navigationAllowed({ url, isMainFrame }, trusted)).toBe(expected);
  });
});

/** Electron's event: what the app's listener decided is read back from it. */
function electronEvent(params: object = {}) {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** A Session or WebContents: Electron's event emitter, plus the handler setters the shell calls. */
function fakeEmitter() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const emitter = new EventEmitter();
  const setter = (name: string) => (handler: (...args: unknown[]) => unknown) => handlers.set(name, handler);
  return Object.assign(emitter, {
    handlers,
    setPermissionRequestHandler: setter('permission-request'),
    setPermissionCheckHandler: setter('permission-check'),
    setDevicePermissionHandler: setter('device-permission'),
    setWindowOpenHandler: setter('window-open'),
  });
}

describe('hardenSession', () => {
  const session = fakeEmitter();
  hardenSession(session as unknown as Session);

  it('denies every permission, asked or checked, and every device', () => {
    const answers: boolean[] = [];
    for (const permission of ['notifications', 'clipboard-read', 'clipboard-sanitized-write', 'media', 'hid']) {
      session.handlers.get('permission-request')?.(null, permission, (granted: boolean) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(session.handlers.get('permission-check')?.(null, 'geolocation', APP_ORIGIN, {})).toBe(false);
    expect(session.handlers.get('device-permission')?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('cancels the HID, serial and USB pickers instead of letting Electron choose', () => {
    const chosen: unknown[][] = [];
    const choose = (...args: unknown[]) => chosen.push(args);
    const events = [electronEvent(), electronEvent(), electronEvent()];
    expect(session.emit('select-hid-device', events[0], { deviceList: [{ deviceId: 'h1' }] }, choose)).toBe(true);
    expect(session.emit('select-serial-port', events[1], [{ portId: 's1' }], {}, choose)).toBe(true);
    expect(session.emit('select-usb-device', events[2], { deviceList: [{ deviceId: 'u1' }] }, choose)).toBe(true);
    expect(events.map((event) => event.defaultPrevented)).toEqual([true, true, true]);
    expect(chosen).toEqual([[], [''], []]);
  });

  it('cancels every download', () => {
    const event = electronEvent();
    expect(session.emit('will-download', event, {}, {}, null)).toBe(true);
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('hardenContents', () => {
  const contents = fakeEmitter();
  hardenContents(contents as unknown as WebContents, trusted);

  it('opens no window', () => {
    expect(contents.handlers.get('window-open')?.({ url: APP_ORIGIN })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])(
    'decides %s for the top-level page and for frames',
    (name) => {
      const cases = [
        { url: 'app://cairn/index.html', isMainFrame: true, prevented: false },
        { url: 'app://cairn/__cairn/preview/bafkqaaa/a.html', isMainFrame: true, prevented: true },
        { url: 'app://cairn/__cairn/preview/bafkqaaa/a.html', isMainFrame: false, prevented: false },
        { url: 'https://example.com/', isMainFrame: false, prevented: true },
      ];
      for (const { url, isMainFrame, prevented } of cases) {
        const event = electronEvent({ url, isMainFrame });
        contents.emit(name, event);
        expect([url, isMainFrame, event.defaultPrevented]).toEqual([url, isMainFrame, prevented]);
      }
    },
  );

  it('attaches no webview, and cancels the Bluetooth picker instead of taking the first device', () => {
    const webview = electronEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    const bluetooth = electronEvent();
    const chosen: unknown[] = [];
    expect(
      contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'b1' }], (id: string) => chosen.push(id)),
    ).toBe(true);
    expect([webview.defaultPrevented, bluetooth.defaultPrevented, chosen]).toEqual([true, true, ['']]);
  });
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page, with no Node, no webview and web security on', () => {
    expect(secureWebPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });
});
