import type { WindowState } from '../../../shared/settings';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of a restored window must lie on a display for it to be reachable: its title bar's worth. */
const MIN_VISIBLE = { width: 120, height: 40 };

/**
 * The saved window geometry, if it still lands on a connected display; otherwise the same size (shrunk
 * to fit) centred by the OS on the primary display, so a window never opens on a monitor that is gone.
 */
export function restoreWindowState(saved: WindowState, workAreas: Rectangle[], primary: Rectangle): WindowState {
  const { x, y } = saved;
  if (x !== undefined && y !== undefined) {
    const window = { x, y, width: saved.width, height: saved.height };
    if (workAreas.some((area) => visibleEnough(window, area))) return saved;
  }
  return {
    width: Math.min(saved.width, primary.width),
    height: Math.min(saved.height, primary.height),
    maximized: saved.maximized,
  };
}

function visibleEnough(window: Rectangle, area: Rectangle): boolean {
  // The top strip of the window (where it is dragged from) must overlap the display.
  const width = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
  const height = Math.min(window.y + MIN_VISIBLE.height, area.y + area.height) - Math.max(window.y, area.y);
  return width >= MIN_VISIBLE.width && height >= MIN_VISIBLE.height;
}
