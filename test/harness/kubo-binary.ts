import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const goMod = join(import.meta.dirname, '../kubo/go.mod');

/** The Kubo version test/kubo/go.mod pins, which `npm run kubo:build` builds. */
export function pinnedKuboVersion(): string {
  const match = /github\.com\/ipfs\/kubo (v\S+)/.exec(readFileSync(goMod, 'utf8'));
  if (!match?.[1]) throw new Error(`no github.com/ipfs/kubo requirement in ${goMod}`);
  return match[1];
}

export function kuboBuildPath(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'cairn', `kubo-${pinnedKuboVersion()}`, 'ipfs');
}

/**
 * The binary tests use, in the order TESTING.md gives: KUBO_BINARY, the `kubo` npm package if its
 * download worked, the Go build of test/kubo, `ipfs` on PATH.
 */
export function resolveTestKuboBinary(): string {
  const candidates = [process.env.KUBO_BINARY, kuboPackageBinary(), kuboBuildPath(), onPath()];
  for (const candidate of candidates) {
    if (candidate && works(candidate)) return candidate;
  }
  throw new Error(
    `No Kubo binary for tests. Run \`npm run kubo:build\` (builds ${pinnedKuboVersion()} into ${kuboBuildPath()}) or set KUBO_BINARY.`,
  );
}

function kuboPackageBinary(): string | undefined {
  try {
    const path = (createRequire(import.meta.url)('kubo') as { path(): string }).path();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function onPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v ipfs'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function works(binary: string): boolean {
  try {
    execFileSync(binary, ['version', '--number'], { stdio: 'ignore', timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}
