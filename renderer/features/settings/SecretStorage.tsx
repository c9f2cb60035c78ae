import { useEffect, useState } from 'react';
import type { ObfuscatedSecrets, SecretProtection } from '../../../shared/settings';
import { call } from '../../app/api';
import { updateSettings } from './settings-actions';

const choices: [ObfuscatedSecrets, string][] = [
  ['store', 'Store them anyway, obfuscated'],
  ['refuse', 'Don’t store them'],
];

/** Settings section, shown only where secrets can merely be obfuscated: the user decides whether to store them. */
export function SecretStorage({ choice }: { choice: ObfuscatedSecrets }) {
  const [protection, setProtection] = useState<SecretProtection | null>(null);
  useEffect(() => {
    call('settings.secretProtection', {}).then(setProtection, () => setProtection(null));
  }, []);
  if (protection !== 'obfuscated') return null;
  return (
    <section aria-labelledby="secrets-title" className="settings-section">
      <h2 id="secrets-title">Secrets</h2>
      <p role="note">
        This system has no keyring Cairn can use (Electron falls back to its basic_text storage): tokens and passwords
        would only be obfuscated, not encrypted, and anyone who can read your files could read them.
      </p>
      <fieldset>
        <legend>Tokens and passwords on this system</legend>
        {choices.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="obfuscated-secrets"
              checked={choice === value}
              onChange={() => void updateSettings({ secrets: { obfuscated: value } })}
            />
            {label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
