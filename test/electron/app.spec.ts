import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { ElectronApplication } from '@playwright/test';
import type { TrayAction, TrayModel } from '../../electron/services/desktop/tray-menu';
import { appEnv, binary, expect, skipped, test } from './launch';

/** The tray main keeps on globalThis in development builds (an OS tray menu cannot be clicked). */
interface TrayHandle {
  model(): TrayModel;
  run(action: TrayAction): void;
}

function trayModel(app: ElectronApplication): Promise<TrayModel> {
  return app.evaluate(() => (globalThis as unknown as { cairnTray: TrayHandle }).cairnTray.model());
}

test.describe('the desktop app', () => {
  test.skip(skipped !== null, skipped ?? '');

  test('opens its window with the node running, and exposes only window.cairn', async ({ desktop }) => {
    const page = await desktop.appWindow();
    // The page sees the one typed object and no Node.js.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys(window.cairn ?? {}).sort())).toEqual([
      'cancel',
      'copyText',
      'grantForFile',
      'invoke',
      'on',
      'previewUrl',
    ]);
  });

  test('shows the node in the tray, and stops, starts and pauses from there', async ({ desktop }) => {
    const { app } = desktop;
    const page = await desktop.appWindow();
    await expect.poll(async () => (await trayModel(app)).tooltip).toBe('Cairn: Node running');

    await app.evaluate(() => (globalThis as unknown as { cairnTray: TrayHandle }).cairnTray.run('stop-node'));
    await expect(page.getByRole('status', { name: 'Node stopped' })).toBeVisible({ timeout: 30_000 });
    await expect.poll(async () => (await trayModel(app)).icon).toBe('stopped');

    await app.evaluate(() => (globalThis as unknown as { cairnTray: TrayHandle }).cairnTray.run('start-node'));
    await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible({ timeout: 30_000 });

    await app.evaluate(() => (globalThis as unknown as { cairnTray: TrayHandle }).cairnTray.run('pause-uploads'));
    const labels = (await trayModel(app)).items.flatMap((item) => (item.kind === 'action' ? [item.label] : []));
    expect(labels).toEqual(['Open Cairn', 'Stop node', 'Resume uploads', 'Quit Cairn']);
  });

  test('a second launch with an ipfs:// link hands it to the running window and exits', async ({ desktop }) => {
    if ('missing' in binary) return;
    const page = await desktop.appWindow();
    const link = 'ipfs://bafkreidgvpkjawlxz6sffxzwgooowe5yt7i6wsyg236mfoks77nywkptdq';
    const second = spawn(binary.path, ['.', link], { env: appEnv(desktop.dataDir), stdio: 'ignore' });
    const [code] = (await once(second, 'exit')) as [number | null];
    expect(code).toBe(0);
    await expect(page.getByLabel('Content to share')).toHaveValue(link);
  });
});
