import { join } from 'node:path';
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { NodeState } from '../../shared/ipc/contract/node';
import { trayMenu, type TrayAction, type TrayInput } from '../services/desktop/tray-menu';
import type { Services } from '../services/services';

export interface AppTray {
  /** What the tray shows now (electron/services/desktop/tray-menu.ts decides it). */
  model(): ReturnType<typeof trayMenu>;
  run(action: TrayAction): void;
  destroy(): void;
}

/** The tray (menu-bar) icon: node state at a glance, and the few things worth doing without the window. */
export function startTray(services: Services, showWindow: () => void): AppTray {
  const iconDir = app.isPackaged ? join(process.resourcesPath, 'tray') : join(app.getAppPath(), 'build/tray');
  const icons = {
    running: nativeImage.createFromPath(join(iconDir, 'running.png')),
    stopped: nativeImage.createFromPath(join(iconDir, 'stopped.png')),
  };
  let node: { state: NodeState; embedded: boolean } = { state: 'starting', embedded: true };
  const state = (): TrayInput => ({
    node: node.state,
    embedded: node.embedded,
    uploadsPaused: services.uploads.paused(),
    uploadsActive: services.uploads.list().filter((item) => item.state === 'queued' || item.state === 'adding').length,
  });
  const actions: Record<TrayAction, () => void> = {
    open: showWindow,
    'start-node': () => void services.node.start(),
    'stop-node': () => void services.node.stop(),
    'pause-uploads': () => services.uploads.pause(),
    'resume-uploads': () => services.uploads.resume(),
    quit: () => app.quit(),
  };

  const tray = new Tray(icons.stopped);
  const run = (action: TrayAction) => {
    actions[action]();
    refresh();
  };
  function refresh(): void {
    const model = trayMenu(state());
    tray.setImage(icons[model.icon]);
    tray.setToolTip(model.tooltip);
    const template = model.items.map((item): MenuItemConstructorOptions =>
      item.kind === 'separator'
        ? { type: 'separator' }
        : { label: item.label, enabled: item.enabled, click: () => run(item.action) },
    );
    tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  services.node.onChange((status) => {
    node = { state: status.state, embedded: status.target.kind === 'embedded' };
    refresh();
  });
  services.uploads.onChange(() => refresh());
  refresh();
  return { model: () => trayMenu(state()), run, destroy: () => tray.destroy() };
}
