import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_KUBO_FOLDER, kuboVersion, resolveKuboBinary } from '../../electron/services/node/kubo-binary';
import { readExecutableHeader } from '../harness/executable-header';
import { pinnedKuboVersion } from '../harness/kubo-binary';
import { kuboTargets } from '../harness/kubo-targets';

// The Kubo binaries the installers carry (`npm run kubo:dist`, which .ci/run runs before the tests):
// each one is read from its own header, so a mix-up of targets cannot reach a package.
const distDir = join(import.meta.dirname, '../../build/kubo');
const runsHere = process.platform === 'linux' && process.arch === 'x64';

function distPath(folder: string, file: string): string {
  const path = join(distDir, folder, file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run kubo:dist\` (builds every target's Kubo)`);
  return path;
}

describe('bundled Kubo binaries', () => {
  it.each(kuboTargets)('$folder is $header.format for $header.arch', async ({ folder, file, header }) => {
    expect(await readExecutableHeader(distPath(folder, file))).toEqual(header);
  });

  it('are all of the pinned version, with matching SHA-256 checksums and their licences', () => {
    expect(readFileSync(join(distDir, 'VERSION'), 'utf8').trim()).toBe(pinnedKuboVersion());
    const listed = readFileSync(join(distDir, 'SHA256SUMS'), 'utf8').trim().split('\n');
    const actual = kuboTargets.map(({ folder, file }) => {
      const digest = createHash('sha256')
        .update(readFileSync(distPath(folder, file)))
        .digest('hex');
      return `${digest}  ${folder}/${file}`;
    });
    expect(listed).toEqual(actual);
    const licences = readFileSync(join(distDir, 'licenses', 'THIRD_PARTY_LICENSES.txt'), 'utf8');
    expect(licences).toContain('==== github.com/libp2p/go-libp2p@');
    expect(readFileSync(join(distDir, 'licenses', 'LICENSE-APACHE'), 'utf8')).toContain('Apache License');
  });

  it.runIf(runsHere)('linux-x64 runs and reports its version', () => {
    const reported = execFileSync(distPath('linux-x64', 'ipfs'), ['version', '--number'], { encoding: 'utf8' });
    expect(`v${reported.trim()}`).toBe(pinnedKuboVersion());
  });

  it.runIf(runsHere)('is what an installed app runs, before the kubo package or PATH', async () => {
    const resources = await mkdtemp(join(tmpdir(), 'cairn-resources-'));
    try {
      await symlink(join(distDir, 'linux-x64'), join(resources, BUNDLED_KUBO_FOLDER));
      const binary = await resolveKuboBinary('', { PATH: process.env.PATH }, kuboVersion, resources);
      expect(binary).toEqual({
        source: 'bundled',
        path: join(resources, BUNDLED_KUBO_FOLDER, 'ipfs'),
        version: pinnedKuboVersion().slice(1),
      });
    } finally {
      await rm(resources, { recursive: true, force: true });
    }
  });
});
