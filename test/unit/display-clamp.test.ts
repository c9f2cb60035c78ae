import { describe, expect, it } from 'vitest';
import { restoreWindowState } from '../../electron/services/desktop/display-clamp';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('window state restored onto a connected display', () => {
  it('keeps a window that lies on a connected display, the second one included', () => {
    const onMonitor = { x: 1600, y: 100, width: 1100, height: 720, maximized: true };
    expect(restoreWindowState(onMonitor, [laptop, monitorOnTheRight], laptop)).toEqual(onMonitor);
  });

  it('drops the position of a window on a display that is gone, keeping its size where it fits', () => {
    const onMonitor = { x: 1600, y: 100, width: 1100, height: 720, maximized: false };
    expect(restoreWindowState(onMonitor, [laptop], laptop)).toEqual({ width: 1100, height: 720, maximized: false });
    const huge = { x: 1600, y: 100, width: 2400, height: 1300, maximized: false };
    expect(restoreWindowState(huge, [laptop], laptop)).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('moves a window whose title bar would be off screen, even if a corner shows', () => {
    const titleAbove = { x: 100, y: -700, width: 1100, height: 720, maximized: false };
    expect(restoreWindowState(titleAbove, [laptop], laptop)).toEqual({ width: 1100, height: 720, maximized: false });
    const sliver = { x: 1400, y: 100, width: 1100, height: 720, maximized: false };
    expect(restoreWindowState(sliver, [laptop], laptop)).toEqual({ width: 1100, height: 720, maximized: false });
  });

  it('leaves a window without a saved position to the OS', () => {
    const sizeOnly = { width: 900, height: 600, maximized: false };
    expect(restoreWindowState(sizeOnly, [laptop], laptop)).toEqual(sizeOnly);
  });
});
