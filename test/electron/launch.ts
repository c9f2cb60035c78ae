import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../electron/dev/electron-binary';

export { expect };

// The real Electron app, where a binary exists (ELECTRON_OVERRIDE_DIST_PATH or the electron package's
// own download); elsewhere every test is reported skipped with the reason.
export const binary = findElectronBinary();
export const skipped = 'missing' in binary ? `Electron tests skipped: ${binary.missing}` : null;
if (skipped) console.log(`${skipped}.`);

/** The environment of an app run: offline, with its own data folder. */
export function appEnv(dataDir: string): Record<string, string> {
  const inherited = Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { ...Object.fromEntries(inherited), CAIRN_OFFLINE: '1', CAIRN_DATA_DIR: dataDir };
}

export interface Desktop {
  app: ElectronApplication;
  dataDir: string;
  /** The app's window, once its node runs. */
  appWindow: () => Promise<Page>;
}

/** Each test gets the app launched on a fresh data folder, closed and removed after it. */
export const test = base.extend<{ desktop: Desktop }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  desktop: async ({}, use) => {
    if ('missing' in binary) throw new Error(binary.missing);
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-electron-'));
    const app = await electron.launch({ executablePath: binary.path, args: ['.'], env: appEnv(dataDir) });
    try {
      await use({
        app,
        dataDir,
        appWindow: async () => {
          const page = await app.firstWindow();
          await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible({ timeout: 30_000 });
          return page;
        },
      });
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});
