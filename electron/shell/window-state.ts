import type { BrowserWindow } from 'electron';
import type { WindowState } from '../../shared/settings';

export const DEFAULT_WINDOW: WindowState = { width: 1100, height: 720, maximized: false };

/** Calls `save` with the window's geometry after it settles from a move or resize, and on close. */
export function trackWindowState(window: BrowserWindow, save: (state: WindowState) => void): void {
  let timer: NodeJS.Timeout | undefined;
  const capture = () => {
    const { x, y, width, height } = window.getNormalBounds();
    save({ x, y, width, height, maximized: window.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(capture, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', () => {
    clearTimeout(timer);
    capture();
  });
}
