import { describe, expect, it } from 'vitest';
import { trayMenu, type TrayInput, type TrayItem } from '../../electron/services/desktop/tray-menu';

const idle: TrayInput = { node: 'running', embedded: true, uploadsPaused: false, uploadsActive: 0 };

function actions(items: TrayItem[]): string[] {
  return items.map((item) => (item.kind === 'separator' ? '---' : `${item.action}${item.enabled ? '' : ' (off)'}`));
}

describe('tray menu model', () => {
  it('offers open, stop node, pause uploads and quit while the embedded node runs', () => {
    const menu = trayMenu(idle);
    expect(menu.icon).toBe('running');
    expect(menu.tooltip).toBe('Cairn: Node running');
    expect(actions(menu.items)).toEqual(['open', '---', 'stop-node', 'pause-uploads', '---', 'quit']);
  });

  it('offers start when the node is stopped or failed, and shows it in the icon and tooltip', () => {
    for (const node of ['stopped', 'error'] as const) {
      const menu = trayMenu({ ...idle, node });
      expect(menu.icon).toBe('stopped');
      expect(actions(menu.items)).toContain('start-node');
    }
    expect(trayMenu({ ...idle, node: 'error' }).tooltip).toBe('Cairn: Node failed');
  });

  it('disables start and stop while the node is changing state', () => {
    expect(actions(trayMenu({ ...idle, node: 'starting' }).items)).toContain('start-node (off)');
    expect(actions(trayMenu({ ...idle, node: 'stopping' }).items)).toContain('stop-node (off)');
  });

  it('does not offer to stop a remote node, which Cairn did not start', () => {
    expect(actions(trayMenu({ ...idle, embedded: false }).items)).toContain('stop-node (off)');
  });

  it('turns pause into resume, and counts uploads in the tooltip', () => {
    const menu = trayMenu({ ...idle, uploadsPaused: true, uploadsActive: 3 });
    expect(actions(menu.items)).toContain('resume-uploads');
    expect(actions(menu.items)).not.toContain('pause-uploads');
    expect(menu.tooltip).toBe('Cairn: Node running, 3 uploads (uploads paused)');
    expect(trayMenu({ ...idle, uploadsActive: 1 }).tooltip).toBe('Cairn: Node running, 1 upload');
  });
});
