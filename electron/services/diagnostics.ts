import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import type { AboutInfo } from '../../shared/ipc/contract/app';
import type { Settings } from '../../shared/settings';
import { LOGS_FOLDER, recentProblems } from './log';
import { noteLine } from './node/node-notes';
import type { NodeService } from './node/node-service';
import { redactSecrets } from './redact';
import type { SettingsService } from './settings/settings-service';

export interface Diagnostics {
  about(): Promise<AboutInfo>;
  /** What a user pastes into a bug report: versions, settings, node state, the last problems; no secret. */
  text(): Promise<string>;
  logsFolder: string;
}

export function createDiagnostics(options: {
  dataDir: string;
  settings: SettingsService;
  node: NodeService;
}): Diagnostics {
  const { settings, node } = options;
  const logsFolder = join(options.dataDir, LOGS_FOLDER);

  async function about(): Promise<AboutInfo> {
    const status = await node.status();
    const repo =
      status.state === 'running'
        ? await node
            .kubo()
            .call<{ Version: string }>('repo/version')
            .then(
              (answer) => answer.Version,
              () => null,
            )
        : null;
    return {
      versions: {
        cairn: packageJson.version,
        // Electron's types promise this; under plain Node (the browser harness) it is absent.
        electron: (process.versions as Partial<Record<string, string>>).electron ?? null,
        kubo: status.info?.kuboVersion ?? null,
        repo,
      },
      logsFolder,
    };
  }

  return {
    about,
    logsFolder,
    async text() {
      const [{ versions }, status] = await Promise.all([about(), node.status()]);
      const lines = [
        `Cairn diagnostics, ${new Date().toISOString()}`,
        '',
        `Cairn ${versions.cairn}; Electron ${versions.electron ?? 'none (plain Node)'}; Kubo ${versions.kubo ?? 'not running'}; repo version ${versions.repo ?? 'unknown'}`,
        `${process.platform} ${process.arch}; Node ${process.versions.node}`,
        '',
        `Node: ${status.state}, ${status.target.kind === 'embedded' ? 'embedded' : `remote (${status.target.name})`}${status.offline ? ', offline' : ''}`,
        ...(status.error ? [`Node error: ${status.error.code}: ${status.error.message}`] : []),
        ...status.notes.map((note) => `Note: ${noteLine(note)}`),
        '',
        'Settings (tokens, passwords and header values live in the keychain and are never here):',
        JSON.stringify(shareable(settings.get()), null, 2),
        '',
        'Recent warnings and errors:',
        ...(recentProblems().length > 0 ? recentProblems() : ['none']),
      ];
      // Messages from servers and errors can echo what they were sent: one more pass over everything.
      return redactSecrets(lines.join('\n'));
    },
  };
}

/** Settings as they can be shared: Basic-auth user names are personal, so only their presence is said. */
function shareable(settings: Settings): Settings {
  return {
    ...settings,
    node: {
      ...settings.node,
      profiles: settings.node.profiles.map((profile) => ({ ...profile, username: profile.username ? '(set)' : '' })),
    },
  };
}
