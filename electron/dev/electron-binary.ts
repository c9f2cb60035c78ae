import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

export type ElectronBinary = { path: string } | { missing: string };

/**
 * Where an Electron binary is, without triggering the npm package's download on first use (which
 * fails offline): ELECTRON_OVERRIDE_DIST_PATH, or a binary the package already has.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, executable) : join(packageDir, 'dist', executable);
  if (existsSync(candidate)) return { path: candidate };
  return {
    missing: override
      ? `ELECTRON_OVERRIDE_DIST_PATH is set, but ${candidate} does not exist`
      : `there is no Electron binary (${candidate} is missing: the electron package downloads it on first run, which needs the network); set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist folder`,
  };
}
