import { join } from 'node:path';
import { createElectronFrameworkSupport } from 'app-builder-lib/out/electron/ElectronFramework';
import type { PlatformPackager, PlatformSpecificBuildOptions } from 'app-builder-lib';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { AppInfo, Arch, LinuxPackager, MacPackager, Packager, Platform, WinPackager } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { BUNDLED_KUBO_FOLDER } from '../../electron/services/node/kubo-binary';
import { kuboTargets, type KuboTarget } from '../harness/kubo-targets';

// electron-builder's own Packager resolves electron-builder.yml and package.json for each target, as
// `npm run dist` would, up to the point where it would download Electron.
const projectDir = join(import.meta.dirname, '../..');
const [linuxX64] = kuboTargets;
if (!linuxX64) throw new Error('no Kubo targets');
const platforms = {
  linux: { platform: Platform.LINUX, Helper: LinuxPackager },
  mac: { platform: Platform.MAC, Helper: MacPackager },
  win: { platform: Platform.WINDOWS, Helper: WinPackager },
};

async function packagerFor(target: KuboTarget): Promise<PlatformPackager<PlatformSpecificBuildOptions>> {
  const { platform, Helper } = platforms[target.os];
  const packager = new Packager({ projectDir, targets: platform.createTarget(null, Arch[target.arch]) });
  await packager.validateConfig();
  // Packager.build() sets these two before creating the platform packagers; the framework only reads
  // the installed electron package's version. Nothing here builds or downloads.
  Object.assign(packager, {
    _appInfo: new AppInfo(packager, null),
    _framework: await createElectronFrameworkSupport(packager.config, packager),
  });
  return new Helper(packager);
}

async function extraResources(target: KuboTarget): Promise<{ from: string; to: string }[]> {
  const platformPackager = await packagerFor(target);
  const appOutDir = join(projectDir, 'dist', 'unpacked');
  const options = platformPackager.createGetFileMatchersOptions(
    appOutDir,
    Arch[target.arch],
    platformPackager.platformSpecificBuildOptions,
  );
  const resourcesDir = platformPackager.getResourcesDir(appOutDir);
  const matchers = getFileMatchers(platformPackager.config, 'extraResources', resourcesDir, options) ?? [];
  return matchers.map((matcher) => ({
    from: matcher.from,
    to: matcher.to.slice(resourcesDir.length + 1),
  }));
}

// The first resolution loads electron-builder's modules, seconds on a busy machine.
describe('electron-builder configuration', { timeout: 60_000 }, () => {
  it.each(kuboTargets)('puts the $folder Kubo in the $os $arch package', async (target) => {
    const resources = await extraResources(target);
    expect(resources).toContainEqual({ from: join(projectDir, 'build/kubo', target.folder), to: BUNDLED_KUBO_FOLDER });
    expect(resources).toContainEqual({ from: join(projectDir, 'LICENSE'), to: 'LICENSE' });
    expect(resources).toContainEqual({ from: join(projectDir, 'build/kubo/licenses'), to: 'kubo/licenses' });
  });

  it('has the metadata a deb, a dmg and an nsis installer need', async () => {
    const platformPackager = await packagerFor(linuxX64);
    const { appInfo, info } = platformPackager;
    expect(appInfo.id).toBe('tech.cairn.desktop');
    expect(appInfo.productName).toBe('Cairn');
    expect(appInfo.companyName).toBe('The Cairn authors');
    expect(info.metadata.homepage).toMatch(/^https:\/\//);
    expect(info.metadata.author?.email).toMatch(/@/);
    expect(info.metadata.license).toBe('MIT');
    expect((info.metadata as { desktopName?: string }).desktopName).toBe('cairn.desktop');
    expect(info.config.linux?.maintainer).toMatch(/<.+@.+>/);
  });

  it('builds AppImage and deb, dmg and zip, and nsis, for the arches Kubo is built for', async () => {
    const targetsOf = async (os: KuboTarget['os']) => {
      const target = kuboTargets.find((candidate) => candidate.os === os) ?? linuxX64;
      return (await packagerFor(target)).platformSpecificBuildOptions.target;
    };
    const arches = (os: KuboTarget['os']) => kuboTargets.filter((target) => target.os === os).map((t) => t.arch);
    expect(await targetsOf('linux')).toEqual([
      { target: 'AppImage', arch: arches('linux') },
      { target: 'deb', arch: arches('linux') },
    ]);
    expect(await targetsOf('mac')).toEqual([
      { target: 'dmg', arch: arches('mac') },
      { target: 'zip', arch: arches('mac') },
    ]);
    expect(await targetsOf('win')).toEqual([{ target: 'nsis', arch: arches('win') }]);
  });

  it('registers ipfs:// and ipns://, opens .car files, and publishes updates', async () => {
    const platformPackager = await packagerFor(linuxX64);
    const { config } = platformPackager;
    expect(config.protocols).toEqual([{ name: 'IPFS link', schemes: ['ipfs', 'ipns'] }]);
    expect(platformPackager.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'car', mimeType: 'application/vnd.ipld.car' }),
    ]);
    expect(config.publish).toEqual([{ provider: 'github', releaseType: 'draft' }]);
    // The kubo npm package's binary is for the build machine only: no package may carry it.
    expect(JSON.stringify(config.files)).toContain('"!node_modules/kubo{,/**}"');
  });
});
