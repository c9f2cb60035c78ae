import { useState, type SubmitEvent } from 'react';
import { DEFAULT_MIN_REPUBLISH_SECONDS, type Binding, type IpnsKey } from '../../../shared/ipc/contract';
import { formatTime } from '../../app/format';
import { SelectField } from '../../app/SelectField';
import { useAppStore } from '../../app/store';
import { TextField } from '../../app/TextField';
import { changeBinding } from './ipns-actions';
import { ErrorText, useAction } from '../../app/use-action';

/** Folders in Files bound to a key: each change of the folder is republished under the key's name. */
export function BoundFolders({ keys }: { keys: IpnsKey[] }) {
  const bindings = useAppStore((state) => state.ipnsBindings);
  return (
    <section aria-labelledby="bound-title" className="settings-section">
      <h2 id="bound-title">Mutable folders</h2>
      <p className="hint">
        Bind a folder in Files to a key: when the folder changes, Cairn publishes its new CID under the key, so the
        name&apos;s links show the latest version.
      </p>
      {bindings.length > 0 && (
        <ul className="links" aria-label="Bound folders">
          {bindings.map((binding) => (
            <BindingRow key={binding.keyId} binding={binding} />
          ))}
        </ul>
      )}
      <BindFolder keys={keys.filter((key) => !bindings.some((binding) => binding.keyId === key.id))} />
    </section>
  );
}

const stateText = (binding: Binding): string => {
  if (binding.state === 'up-to-date') return 'Up to date';
  if (binding.state === 'pending')
    return `Pending: publishing ${binding.dueAt ? `at ${formatTime(binding.dueAt)}` : 'soon'}`;
  return `Failed: ${binding.error ?? 'unknown error'}`;
};

function BindingRow({ binding }: { binding: Binding }) {
  const action = useAction();
  const label = `${binding.mfsPath} under ${binding.keyName}`;
  return (
    <li aria-label={label}>
      <div className="link-head">
        <strong>{binding.mfsPath}</strong> → {binding.keyName}
      </div>
      <p
        role="status"
        className={binding.state === 'failed' ? 'error-text' : binding.state === 'up-to-date' ? 'ok-text' : ''}
      >
        {stateText(binding)}
      </p>
      <p className="hint">
        {binding.lastPublishedAt
          ? `Last published ${formatTime(binding.lastPublishedAt)}: ${binding.publishedCid ?? ''}. `
          : ''}
        At most once every {binding.minIntervalSeconds} s.
      </p>
      <div className="actions">
        {binding.state !== 'up-to-date' && (
          <button
            type="button"
            disabled={action.busy}
            onClick={() => void action.run(() => changeBinding('ipns.retryBinding', { keyId: binding.keyId }))}
          >
            {binding.state === 'failed' ? 'Retry' : 'Publish now'}
            <span className="visually-hidden"> {label}</span>
          </button>
        )}
        <button
          type="button"
          disabled={action.busy}
          onClick={() => void action.run(() => changeBinding('ipns.unbind', { keyId: binding.keyId }))}
        >
          Unbind<span className="visually-hidden"> {label}</span>
        </button>
      </div>
      <ErrorText error={action.error} />
    </li>
  );
}

function BindFolder({ keys }: { keys: IpnsKey[] }) {
  const [key, setKey] = useState('');
  const [folder, setFolder] = useState('');
  const [minInterval, setMinInterval] = useState(String(DEFAULT_MIN_REPUBLISH_SECONDS));
  const action = useAction(['key', 'mfsPath', 'minIntervalSeconds']);
  const chosen = keys.some((candidate) => candidate.name === key) ? key : (keys[0]?.name ?? '');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await changeBinding('ipns.bind', { key: chosen, mfsPath: folder, minIntervalSeconds: Number(minInterval) });
      setFolder('');
    });
  };
  return (
    <form className="paths" aria-label="Bind a folder" onSubmit={submit}>
      <SelectField
        label="Key for the folder"
        value={chosen}
        options={keys.map((candidate) => [candidate.name, candidate.name] as const)}
        onChange={setKey}
        error={action.errorAt('key')}
      />
      <TextField
        label="Folder in Files"
        value={folder}
        onChange={setFolder}
        placeholder="/website"
        required
        error={action.errorAt('mfsPath')}
      />
      <TextField
        label="Minimum interval (seconds)"
        type="number"
        min={1}
        step={1}
        value={minInterval}
        onChange={setMinInterval}
        error={action.errorAt('minIntervalSeconds')}
        hint="Cairn publishes at most this often, however often the folder changes."
      />
      <button type="submit" disabled={action.busy || !chosen}>
        Bind folder
      </button>
      <ErrorText error={action.error} />
    </form>
  );
}
