import { chmod, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/services/log';
import { cachedKuboVersion } from '../../electron/services/node/kubo-version-cache';
import { openDataStore } from '../../electron/services/store/data-store';
import { kuboVersionsFile } from '../../electron/services/store/files/kubo-versions-file';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** The cache as an app start opens it: a new read of the data folder. */
const openCache = async () => cachedKuboVersion(await (await openDataStore(dir, quiet)).open(kuboVersionsFile));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-version-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in binary that answers `version` as Kubo does and notes each time it was run. */
async function fakeKubo(version: string): Promise<string> {
  const binary = join(dir, 'ipfs');
  await writeFile(binary, `#!/bin/sh\necho run >> "${join(dir, 'runs')}"\necho "ipfs version ${version}"\n`);
  await chmod(binary, 0o755);
  return binary;
}

const runs = async () => (await readFile(join(dir, 'runs'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

describe("the Kubo binary's remembered version", () => {
  it('asks a binary once, and again only once it is replaced', async () => {
    const binary = await fakeKubo('0.43.1');
    const versionOf = await openCache();
    expect(await versionOf(binary)).toBe('0.43.1');
    expect(await versionOf(binary)).toBe('0.43.1');
    // A new app start reads the same file.
    expect(await (await openCache())(binary)).toBe('0.43.1');
    expect(await runs()).toBe(1);
    await fakeKubo('0.44.0-rc1');
    expect(await versionOf(binary)).toBe('0.44.0-rc1');
    expect(await runs()).toBe(2);
  });

  it('asks again a binary rewritten in place with the same size and its old modification time', async () => {
    const binary = await fakeKubo('0.43.1');
    const then = 1_700_000_000;
    await utimes(binary, then, then);
    const before = await stat(binary);
    expect(await (await openCache())(binary)).toBe('0.43.1');
    await fakeKubo('0.43.2');
    await utimes(binary, then, then);
    const after = await stat(binary);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
    expect(await (await openCache())(binary)).toBe('0.43.2');
    expect(await runs()).toBe(2);
  });

  it('says null for a missing or broken binary, and remembers nothing for it', async () => {
    const versionOf = await openCache();
    expect(await versionOf(join(dir, 'missing'))).toBeNull();
    expect(await versionOf(tmpdir())).toBeNull();
    await writeFile(join(dir, 'kubo-versions.json'), 'not json');
    const binary = await fakeKubo('0.43.1');
    expect(await (await openCache())(binary)).toBe('0.43.1');
  });
});
