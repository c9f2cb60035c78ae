import { app, Notification } from 'electron';
import electronUpdater from 'electron-updater';
import type { DesktopSettings } from '../../shared/settings';
import type { Services } from '../services/services';
import { createNotifier } from '../services/desktop/notifier';
import type { Logger } from '../services/log';

/**
 * The app as a desktop citizen, from settings: start at login, OS notifications, update checks.
 * Each is decided in a plain module or by a setting; this only calls Electron.
 */
export function applyDesktopSettings(services: Services, windowFocused: () => boolean, log: Logger): void {
  const notifier = createNotifier(
    {
      prefs: () => services.settings.get().desktop,
      windowFocused,
      serviceName: (id) => services.settings.get().pins.services.find((service) => service.id === id)?.name ?? id,
      show: ({ title, body }) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
    },
    { uploads: services.uploads.list(), pinRequests: services.pins.requests() },
  );
  services.uploads.onChange(({ items }) => notifier.uploadsChanged(items));
  services.pins.onRequestsChange((requests) => notifier.pinRequestsChanged(requests));

  // A development build would register the bare Electron binary at login, and has no release to update from.
  if (!app.isPackaged) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = {
    info: (message: unknown) => log.info(String(message)),
    warn: (message: unknown) => log.warn(String(message)),
    error: (message: unknown) => log.error(String(message)),
  };
  const apply = (desktop: DesktopSettings, previous: DesktopSettings | null) => {
    if (desktop.startAtLogin !== previous?.startAtLogin)
      app.setLoginItemSettings({ openAtLogin: desktop.startAtLogin });
    if (desktop.checkForUpdates && !previous?.checkForUpdates) {
      autoUpdater
        .checkForUpdatesAndNotify()
        .catch((error: unknown) => log.warn(`Update check failed: ${String(error)}`));
    }
  };
  apply(services.settings.get().desktop, null);
  services.settings.onChange((next, previous) => apply(next.desktop, previous.desktop));
}
