import type { Settings } from '../../../shared/settings';
import { importProfiles, themes } from '../../../shared/settings-options';
import { useAppStore } from '../../app/store';
import { updateSettings } from './settings-actions';

const themeLabels: Record<Settings['theme'], string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function SettingsView() {
  const settings = useAppStore((state) => state.settings);
  // CAIRN_OFFLINE forces offline mode whatever the setting says; say so rather than show a lie.
  const forcedOffline = useAppStore((state) => Boolean(state.node?.offline && !state.settings?.node.offline));
  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">Settings</h1>
      {!settings ? (
        <p>Loading settings…</p>
      ) : (
        <form className="settings" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>Theme</legend>
            {themes.map((theme) => (
              <label key={theme}>
                <input
                  type="radio"
                  name="theme"
                  checked={settings.theme === theme}
                  onChange={() => void updateSettings({ theme })}
                />
                {themeLabels[theme]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Embedded node</legend>
            <label>
              <input
                type="checkbox"
                checked={settings.node.offline}
                onChange={(event) => void updateSettings({ node: { offline: event.currentTarget.checked } })}
              />
              Offline and loopback-only (applies when the node restarts)
            </label>
            {forcedOffline && <p className="hint">The node is offline now because CAIRN_OFFLINE is set.</p>}
            <label>
              Import profile for new repos
              <select
                value={settings.node.importProfile}
                onChange={(event) =>
                  void updateSettings({
                    node: { importProfile: event.currentTarget.value as Settings['node']['importProfile'] },
                  })
                }
              >
                {importProfiles.map((profile) => (
                  <option key={profile} value={profile}>
                    {profile}
                    {profile === 'unixfs-v1-2025' ? ' (recommended)' : ' (classic Qm… CIDs)'}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        </form>
      )}
    </section>
  );
}
