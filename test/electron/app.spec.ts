import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../electron/dev/electron-binary';

const binary = findElectronBinary();

test('the desktop app opens its window with the node running', async () => {
  if ('missing' in binary) {
    console.log(`Electron tests skipped: ${binary.missing}.`);
    test.skip(true, `Electron tests skipped: ${binary.missing}`);
    return;
  }
  const app = await electron.launch({
    executablePath: binary.path,
    args: ['.'],
    env: { ...process.env, CAIRN_OFFLINE: '1' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible({ timeout: 30_000 });
    // The page sees the one typed object and no Node.js.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys(window.cairn ?? {}).sort())).toEqual([
      'cancel',
      'copyText',
      'invoke',
      'on',
      'pathForFile',
    ]);
  } finally {
    await app.close();
  }
});
