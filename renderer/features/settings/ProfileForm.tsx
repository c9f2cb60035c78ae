import { useId, useState, type SubmitEvent } from 'react';
import { revealName } from '../../../shared/hidden-characters';
import { SelectField } from '../../app/SelectField';
import { PairField } from '../../ui/Field';
import { TextField } from '../../app/TextField';
import { useFieldFaults } from '../../app/field-faults';
import type { ConnectionCheck, ProfileInput } from '../../../shared/ipc/contract';
import { maxCustomHeaders, type RemoteProfile } from '../../../shared/settings';
import { authKinds, type AuthKind } from '../../../shared/settings-options';
import { saveProfile, testProfile } from './profile-actions';
import { FormButtons, TestOutcome } from '../../app/FormButtons';
import { noteWords } from '../node/node-note-words';

const authLabels: Record<AuthKind, string> = {
  none: 'None',
  bearer: 'Bearer token',
  basic: 'User and password (Basic)',
};

/**
 * Adds or edits a remote node. Secrets go one way, to main's keychain: an existing profile shows
 * that one is stored, never its value.
 */
export function ProfileForm({ existing, onDone }: { existing?: RemoteProfile; onDone: () => void }) {
  const titleId = useId();
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.url ?? 'http://127.0.0.1:5001');
  const [auth, setAuth] = useState<AuthKind>(existing?.auth ?? 'none');
  const [username, setUsername] = useState(existing?.username ?? '');
  const [secret, setSecret] = useState('');
  const [headers, setHeaders] = useState(existing?.headerNames.map((header) => ({ name: header, value: '' })) ?? []);
  const [check, setCheck] = useState<ConnectionCheck | 'testing' | null>(null);
  const faults = useFieldFaults([
    'profile.name',
    'profile.url',
    'profile.username',
    'profile.secret',
    ...headers.flatMap((_, index) => [`profile.headers.${index}.name`, `profile.headers.${index}.value`]),
  ]);

  const input = (): ProfileInput => ({
    ...(existing ? { id: existing.id } : {}),
    name,
    url,
    auth,
    username,
    secret,
    headers,
  });
  const secretStored = existing !== undefined && existing.auth !== 'none';
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    faults.show(null);
    if (await saveProfile(input(), faults.show)) onDone();
  };

  return (
    <form className="profile-form" aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h3 id={titleId}>{existing ? `Edit ${revealName(existing.name)}` : 'Add a remote node'}</h3>
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        required
        maxLength={80}
        error={faults.at('profile.name')}
      />
      <TextField
        label="RPC address"
        value={url}
        onChange={setUrl}
        required
        placeholder="http://127.0.0.1:5001 or /ip4/127.0.0.1/tcp/5001"
        error={faults.at('profile.url')}
      />
      <SelectField
        label="Authentication"
        value={auth}
        options={authKinds.map((kind) => [kind, authLabels[kind]] as const)}
        onChange={setAuth}
      />
      {auth === 'basic' && (
        <TextField
          label="User name"
          value={username}
          onChange={setUsername}
          autoComplete="off"
          error={faults.at('profile.username')}
        />
      )}
      {auth !== 'none' && (
        <TextField
          label={auth === 'bearer' ? 'Token' : 'Password'}
          type="password"
          value={secret}
          onChange={setSecret}
          autoComplete="off"
          placeholder={secretStored ? '•••••••• stored; leave empty to keep' : ''}
          error={faults.at('profile.secret')}
        />
      )}
      <fieldset>
        <legend>Custom headers</legend>
        {headers.map((header, index) => (
          <div className="header-row" key={index}>
            <PairField caption="Name" error={faults.at(`profile.headers.${index}.name`)}>
              <input
                aria-label={`Header ${index + 1} name`}
                value={header.name}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setHeaders((rows) => rows.map((row, i) => (i === index ? { ...row, name: value } : row)));
                }}
              />
            </PairField>
            <PairField caption="Value" error={faults.at(`profile.headers.${index}.value`)}>
              <input
                aria-label={`Header ${index + 1} value`}
                type="password"
                value={header.value}
                placeholder={existing?.headerNames.includes(header.name) ? 'stored; leave empty to keep' : ''}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setHeaders((rows) => rows.map((row, i) => (i === index ? { ...row, value } : row)));
                }}
              />
            </PairField>
            <button type="button" onClick={() => setHeaders((rows) => rows.filter((_, i) => i !== index))}>
              Remove header {index + 1}
            </button>
          </div>
        ))}
        {headers.length < maxCustomHeaders ? (
          <button type="button" onClick={() => setHeaders((rows) => [...rows, { name: '', value: '' }])}>
            Add header
          </button>
        ) : (
          <p className="hint">A node takes at most {maxCustomHeaders} custom headers.</p>
        )}
      </fieldset>
      <TestOutcome
        check={check}
        running="Testing the connection…"
        success={({ version, peerId, warnings }) => (
          <div role="status">
            <p>
              Connected: Kubo {version}, peer <code>{peerId}</code>.
            </p>
            {warnings.map(noteWords).map(({ sentence }) => (
              <p key={sentence} className="hint">
                {sentence}
              </p>
            ))}
          </div>
        )}
      />
      <FormButtons
        submit="Save"
        onCancel={onDone}
        test={{
          label: 'Test connection',
          running: check === 'testing',
          run: () => {
            setCheck('testing');
            void testProfile(input()).then(setCheck);
          },
        }}
      />
    </form>
  );
}
