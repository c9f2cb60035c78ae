import { useState } from 'react';
import { revealName } from '../../../shared/hidden-characters';
import { Name } from '../../ui/Name';
import { keepFocusInList } from '../../ui/keep-focus';
import type { RemoteProfile } from '../../../shared/settings';
import { ProfileForm } from './ProfileForm';
import { removeProfile } from './profile-actions';

export function RemoteNodes({ profiles, active }: { profiles: RemoteProfile[]; active: string }) {
  const [editing, setEditing] = useState<RemoteProfile | 'new' | null>(null);
  return (
    <section aria-labelledby="remote-title" className="settings-section">
      <h2 id="remote-title">Remote nodes</h2>
      <p className="hint">
        Kubo nodes Cairn can use instead of its own, by RPC URL or multiaddr, with Kubo&apos;s API.Authorizations
        (Bearer or Basic). Tokens and passwords are kept in the system keychain. Switch nodes in the Node view.
      </p>
      {/* Mounted while empty too: the focus on the last one removed goes to it, not to the page's body. */}
      <ul ref={keepFocusInList} tabIndex={-1} className="profiles" aria-label="Remote nodes">
        {profiles.map((profile) => (
          <li key={profile.id} aria-label={revealName(profile.name)} tabIndex={-1}>
            <span>
              <strong>
                <Name value={profile.name} />
              </strong>{' '}
              <code>{profile.url}</code> ({profile.auth === 'none' ? 'no auth' : profile.auth})
              {profile.id === active ? ' · in use' : ''}
            </span>
            <button type="button" onClick={() => setEditing(profile)}>
              Edit<span className="visually-hidden"> {revealName(profile.name)}</span>
            </button>
            <button type="button" onClick={() => void removeProfile(profile.id, profile.name)}>
              Remove<span className="visually-hidden"> {revealName(profile.name)}</span>
            </button>
          </li>
        ))}
      </ul>
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')}>
          Add a remote node
        </button>
      ) : (
        <ProfileForm
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing === 'new' ? {} : { existing: editing })}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}
