import type { ExecutableHeader } from './executable-header';

/** The installers' targets and the Kubo each carries, as `npm run kubo:dist` writes them under build/kubo/. */
export interface KuboTarget {
  /** electron-builder's platform key and arch name, the `${os}` and `${arch}` of electron-builder.yml. */
  os: 'linux' | 'mac' | 'win';
  arch: 'x64' | 'arm64';
  folder: string;
  file: string;
  header: ExecutableHeader;
}

export const kuboTargets: KuboTarget[] = [
  { os: 'linux', arch: 'x64', folder: 'linux-x64', file: 'ipfs', header: { format: 'ELF', arch: 'x64' } },
  { os: 'linux', arch: 'arm64', folder: 'linux-arm64', file: 'ipfs', header: { format: 'ELF', arch: 'arm64' } },
  { os: 'mac', arch: 'x64', folder: 'mac-x64', file: 'ipfs', header: { format: 'Mach-O', arch: 'x64' } },
  { os: 'mac', arch: 'arm64', folder: 'mac-arm64', file: 'ipfs', header: { format: 'Mach-O', arch: 'arm64' } },
  { os: 'win', arch: 'x64', folder: 'win-x64', file: 'ipfs.exe', header: { format: 'PE', arch: 'x64' } },
];
