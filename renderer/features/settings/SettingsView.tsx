import type { Settings } from '../../../shared/settings';
import { themes } from '../../../shared/settings-options';
import { useAppStore } from '../../app/store';
import { PinningServices } from '../pins/PinningServices';
import { About } from './About';
import { DesktopSettings } from './DesktopSettings';
import { EmbeddedNodeSettings } from './EmbeddedNodeSettings';
import { Gateways } from './Gateways';
import { RemoteNodes } from './RemoteNodes';
import { SecretStorage } from './SecretStorage';
import { updateSettings } from './settings-actions';

const themeLabels: Record<Settings['theme'], string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function SettingsView() {
  const settings = useAppStore((state) => state.settings);
  return (
    <section aria-labelledby="view-title" className="view settings">
      <h1 id="view-title">Settings</h1>
      {!settings ? (
        <p>Loading settings…</p>
      ) : (
        <>
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
          <EmbeddedNodeSettings node={settings.node} />
          <RemoteNodes profiles={settings.node.profiles} active={settings.node.active} />
          <Gateways share={settings.share} />
          <PinningServices services={settings.pins.services} />
          <SecretStorage choice={settings.secrets.obfuscated} />
          <DesktopSettings desktop={settings.desktop} />
          <About />
        </>
      )}
    </section>
  );
}
