import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type ElectronApplication } from '@playwright/test';
import type { TrayAction, TrayModel } from '../../electron/services/desktop/tray-menu';
import { binary, launch, skipped } from './launch';

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
  let dataDir: string;
  let app: ElectronApplication;

  test.beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-electron-'));
    app = await launch(dataDir);
  });
  test.afterEach(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('opens its window with the node running, and exposes only window.cairn', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible({ timeout: 30_000 });
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

  test('shows the node in the tray, and stops, starts and pauses from there', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible({ timeout: 30_000 });
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

  test('a second launch with an ipfs:// link hands it to the running window and exits', async () => {
    if ('missing' in binary) return;
    const page = await app.firstWindow();
    await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible({ timeout: 30_000 });
    const link = 'ipfs://bafkreidgvpkjawlxz6sffxzwgooowe5yt7i6wsyg236mfoks77nywkptdq';
    const second = spawn(binary.path, ['.', link], {
      env: { ...process.env, CAIRN_OFFLINE: '1', CAIRN_DATA_DIR: dataDir },
      stdio: 'ignore',
    });
    const [code] = (await once(second, 'exit')) as [number | null];
    expect(code).toBe(0);
    await expect(page.getByLabel('Content to share')).toHaveValue(link);
  });
});
