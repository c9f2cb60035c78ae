import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, join, sep } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/errors';

const run = promisify(execFile);

export type BinarySource = 'setting' | 'KUBO_BINARY' | 'kubo package' | 'PATH';

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

/** Where the app looks for `ipfs`, in order: the user's choice, the env, the bundled package, PATH. */
export async function resolveKuboBinary(
  setting: string,
  env: NodeJS.ProcessEnv = process.env,
  versionOf: (path: string) => Promise<string | null> = kuboVersion,
): Promise<KuboBinary> {
  const candidates: Candidate[] = [
    { source: 'setting', path: setting || null, absent: 'no binary chosen in Settings' },
    { source: 'KUBO_BINARY', path: env.KUBO_BINARY || null, absent: 'KUBO_BINARY is not set' },
    {
      source: 'kubo package',
      path: bundledKuboPath(),
      absent: 'the kubo package is not installed (its install downloads Kubo)',
    },
    { source: 'PATH', path: await findOnPath('ipfs', env.PATH ?? ''), absent: 'no ipfs on PATH' },
  ];
  const tried: string[] = [];
  for (const { source, path, absent } of candidates) {
    if (path === null) {
      tried.push(absent);
      continue;
    }
    const version = await versionOf(path);
    if (version) return { path, source, version };
    tried.push(`${path} (${source}) is not a working ipfs binary`);
  }
  throw new AppError(
    'KUBO_BINARY_MISSING',
    `No working Kubo (ipfs) binary was found. Install Kubo, choose its binary in Settings, or set KUBO_BINARY. Tried: ${tried.join('; ')}.`,
  );
}

/** What `ipfs version --number` says, or null when the file is not a working Kubo. */
export async function kuboVersion(path: string): Promise<string | null> {
  try {
    const { stdout } = await run(path, ['version', '--number'], { timeout: 15_000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** The binary of the optional `kubo` npm package; electron-builder keeps it outside the asar. */
function bundledKuboPath(): string | null {
  try {
    const kuboPackage = createRequire(import.meta.url)('kubo') as { path(): string };
    return kuboPackage.path().replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  } catch {
    return null;
  }
}

async function findOnPath(name: string, pathVariable: string): Promise<string | null> {
  for (const dir of pathVariable.split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      await access(file, constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return null;
}
