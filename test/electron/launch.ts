import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../../electron/dev/electron-binary';

// The real Electron app, where a binary exists (ELECTRON_OVERRIDE_DIST_PATH or the electron package's
// own download); elsewhere every test is reported skipped with the reason.
export const binary = findElectronBinary();
export const skipped = 'missing' in binary ? `Electron tests skipped: ${binary.missing}` : null;
if (skipped) console.log(`${skipped}.`);

export async function launch(dataDir: string): Promise<ElectronApplication> {
  if ('missing' in binary) throw new Error(binary.missing);
  return electron.launch({
    executablePath: binary.path,
    args: ['.'],
    env: { ...process.env, CAIRN_OFFLINE: '1', CAIRN_DATA_DIR: dataDir },
  });
}
