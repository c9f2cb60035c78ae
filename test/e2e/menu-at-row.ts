import type { Locator } from '@playwright/test';
import { expect } from './fixtures';

/** The open `menu` is at `row` (under it, or moved up to stay on screen, over it), not at the window's corner. */
export async function expectMenuAtRow(row: Locator, menu: Locator): Promise<void> {
  const [rowBox, menuBox] = await Promise.all([row.boundingBox(), menu.boundingBox()]);
  if (!rowBox || !menuBox) throw new Error('the row or its menu is not on screen');
  expect(menuBox.x).toBeGreaterThan(rowBox.x);
  expect(menuBox.y).toBeLessThanOrEqual(rowBox.y + rowBox.height + 4);
  // The menu's height meets the row's.
  expect(menuBox.y + menuBox.height).toBeGreaterThanOrEqual(rowBox.y);
}
