import { SelectField } from '../../app/SelectField';
import type { Settings } from '../../../shared/settings';
import { importProfiles, type ImportProfile } from '../../../shared/settings-options';
import { useAppStore } from '../../app/store';
import { chooseNodePath, updateSettings } from './settings-actions';
import { CheckField } from '../../ui/Field';

const profileNotes: Record<ImportProfile, string> = {
  'unixfs-v1-2025': 'recommended',
  'unixfs-v0-2015': 'classic Qm… CIDs',
};

export function EmbeddedNodeSettings({ node }: { node: Settings['node'] }) {
  // CAIRN_OFFLINE forces offline mode whatever the setting says; say so rather than show a lie.
  const forcedOffline = useAppStore((state) => Boolean(state.node?.offline && !node.offline));

  return (
    <section aria-labelledby="embedded-title" className="settings-section">
      <h2 id="embedded-title">Embedded node</h2>
      <p className="hint">Changes here apply when the node restarts (Node view, Restart node).</p>
      <CheckField
        label="Offline and loopback-only"
        hint={forcedOffline ? 'The node is offline now because CAIRN_OFFLINE is set.' : undefined}
        checked={node.offline}
        onChange={(offline) => void updateSettings({ node: { offline } })}
      />
      <SelectField
        label="Import profile for new repos"
        value={node.importProfile}
        options={importProfiles.map((profile) => [profile, `${profile} (${profileNotes[profile]})`] as const)}
        onChange={(importProfile) => void updateSettings({ node: { importProfile } })}
      />
      <div className="paths">
        <p>Kubo binary: {node.kuboBinary || 'found automatically (KUBO_BINARY, the kubo package, PATH)'}</p>
        <button type="button" onClick={() => void chooseNodePath('binary', false)}>
          Choose Kubo binary…
        </button>{' '}
        {node.kuboBinary && (
          <button type="button" onClick={() => void chooseNodePath('binary', true)}>
            Find Kubo automatically
          </button>
        )}
        <p>Repo folder: {node.repoPath || "Cairn's own repo in its data folder"}</p>
        <button type="button" onClick={() => void chooseNodePath('repo', false)}>
          Choose repo folder…
        </button>{' '}
        {node.repoPath && (
          <button type="button" onClick={() => void chooseNodePath('repo', true)}>
            Use Cairn's own repo
          </button>
        )}
        {node.repoPath !== '' && (
          <p className="hint" role="note">
            Another program (IPFS Desktop, the ipfs command) may use this repo. If its daemon is running, Cairn uses
            that daemon and leaves it running; if the repo is locked, Cairn says by which process and changes nothing.
          </p>
        )}
      </div>
    </section>
  );
}
