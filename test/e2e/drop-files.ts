import { expect, type Page } from '@playwright/test';

/** A real drag from the OS: Chromium's own drag events carrying paths on disk, files and folders alike. */
export async function dropFromDisk(page: Page, paths: string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const box = await page.locator('main').boundingBox();
  const at = { x: (box?.x ?? 0) + 100, y: (box?.y ?? 0) + 100 };
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', ...at, data });
  await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', ...at, data });
  await expect(page.getByText('Drop files and folders to add them to IPFS')).toBeVisible();
  await cdp.send('Input.dispatchDragEvent', { type: 'drop', ...at, data });
  await cdp.detach();
}
