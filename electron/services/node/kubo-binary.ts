import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/errors';

const run = promisify(execFile);

export type BinarySource = 'setting' | 'KUBO_BINARY' | 'bundled' | 'kubo package' | 'PATH';

export interface KuboBinary {
  path: string;
  source: BinarySource;
  version: string;
}

interface Candidate {
  source: BinarySource;
  path: string | null;
  /** Why there is no path, in words. */
  absent: string;
}

/** The folder of the installed app's resources that holds its own Kubo (electron-builder.yml puts it there). */
export const BUNDLED_KUBO_FOLDER = 'kubo';

/** Kubo's executable name on a platform. */
export function kuboExecutableName(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'ipfs.exe' : 'ipfs';
}

/**
 * Where the app looks for `ipfs`, in order: the binary chosen in main's dialog, KUBO_BINARY, the Kubo
 * the installer carries (in Electron's `process.resourcesPath`, absent under plain Node), the `kubo`
 * npm package (development), PATH. A binary the user or the env chose must pass the check: when it
 * does not, that is the answer, never a silent fallback to another binary.
 */
export async function resolveKuboBinary(
  setting: string,
  env: NodeJS.ProcessEnv = process.env,
  versionOf: (path: string) => Promise<string | null> = kuboVersion,
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
): Promise<KuboBinary> {
  const chosen: Candidate[] = [
    { source: 'setting', path: setting || null, absent: 'no binary chosen in Settings' },
    { source: 'KUBO_BINARY', path: env.KUBO_BINARY || null, absent: 'KUBO_BINARY is not set' },
  ];
  for (const { source, path } of chosen) {
    if (path !== null) return { path, source, version: await checkKuboBinary(path, source, versionOf) };
  }
  const found: Candidate[] = [
    {
      source: 'bundled',
      path: await bundledKuboPath(resourcesPath),
      absent: 'this is not an installed Cairn (no Kubo in its resources)',
    },
    {
      source: 'kubo package',
      path: kuboPackagePath(),
      absent: 'the kubo package is not installed (its install downloads Kubo)',
    },
    { source: 'PATH', path: await findOnPath(kuboExecutableName(), env.PATH ?? ''), absent: 'no ipfs on PATH' },
  ];
  const tried = chosen.map((candidate) => candidate.absent);
  for (const { source, path, absent } of found) {
    if (path === null) {
      tried.push(absent);
      continue;
    }
    const version = await versionOf(path);
    if (version) return { path, source, version };
    tried.push(`${path} (${source}) is not a working Kubo binary`);
  }
  throw new AppError(
    'KUBO_BINARY_MISSING',
    `No working Kubo (ipfs) binary was found. Install Kubo, choose its binary in Settings, or set KUBO_BINARY. Tried: ${tried.join('; ')}.`,
    { tried: tried.length },
  );
}

/** Checks that a binary is Kubo (`ipfs version` says so) before it runs for real; its version, or why not. */
export async function checkKuboBinary(
  path: string,
  source: BinarySource = 'setting',
  versionOf: (path: string) => Promise<string | null> = kuboVersion,
): Promise<string> {
  const version = await versionOf(path);
  if (version) return version;
  const where = source === 'setting' ? 'chosen in Settings' : 'named by KUBO_BINARY';
  throw new AppError(
    'KUBO_BINARY_MISSING',
    `The binary ${where}, ${path}, is not Kubo: \`ipfs version\` did not answer "ipfs version X.Y.Z". Cairn did not start it and did not fall back to another binary; choose another one.`,
    { path },
  );
}

/** The version `ipfs version` states, or null when the file is not a working Kubo. */
export async function kuboVersion(path: string): Promise<string | null> {
  try {
    const { stdout } = await run(path, ['version'], { timeout: 15_000 });
    return /^ipfs version (\d+\.\d+\.\d+\S*)\s*$/.exec(stdout)?.[1] ?? null;
  } catch {
    return null;
  }
}

async function bundledKuboPath(resourcesPath: string | undefined): Promise<string | null> {
  if (!resourcesPath) return null;
  const file = join(resourcesPath, BUNDLED_KUBO_FOLDER, kuboExecutableName());
  return (await isExecutable(file)) ? file : null;
}

/** The binary of the optional `kubo` npm package, in development (installers leave the package out). */
function kuboPackagePath(): string | null {
  try {
    const kuboPackage = createRequire(import.meta.url)('kubo') as { path(): string };
    return kuboPackage.path();
  } catch {
    return null;
  }
}

async function findOnPath(name: string, pathVariable: string): Promise<string | null> {
  for (const dir of pathVariable.split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    if (await isExecutable(file)) return file;
  }
  return null;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
