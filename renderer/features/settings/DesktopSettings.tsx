import type { DesktopSettings as Desktop } from '../../../shared/settings';
import { updateSettings } from './settings-actions';
import { CheckField } from '../../ui/Field';

const choices: { key: keyof Desktop; label: string }[] = [
  { key: 'startAtLogin', label: 'Start Cairn when I log in' },
  { key: 'notifyUploads', label: 'Notify me when a long upload finishes or fails' },
  { key: 'notifyRemotePins', label: 'Notify me when a remote pin fails' },
  { key: 'checkForUpdates', label: 'Check for updates (asks the Cairn release channel)' },
];

export function DesktopSettings({ desktop }: { desktop: Desktop }) {
  return (
    <section aria-labelledby="desktop-title" className="settings-section">
      <h2 id="desktop-title">Desktop</h2>
      {choices.map(({ key, label }) => (
        <CheckField
          key={key}
          label={label}
          checked={desktop[key]}
          onChange={(on) => void updateSettings({ desktop: { [key]: on } })}
        />
      ))}
    </section>
  );
}
