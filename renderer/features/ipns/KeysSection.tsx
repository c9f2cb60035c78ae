import { useState, type SubmitEvent } from 'react';
import { keepFocusInList } from '../../ui/keep-focus';
import type { IpnsKey, IpnsRecordInfo } from '../../../shared/ipc/contract';
import { revealName } from '../../../shared/hidden-characters';
import { Name } from '../../ui/Name';
import { call } from '../../app/api';
import { CopyButton } from '../../app/CopyButton';
import { FactRow } from '../../app/FactRow';
import { formatTime } from '../../app/format';
import { useAppStore } from '../../app/store';
import { TextField } from '../../app/TextField';
import { ShareLinkList, useShareLinks } from '../share/ShareLinkList';
import { changeKeys } from './ipns-actions';
import { ErrorText, useAction } from '../../app/use-action';

/** The node's keys: each one an IPNS name, with what it points to now and its links. */
export function KeysSection({ keys }: { keys: IpnsKey[] }) {
  return (
    <section aria-labelledby="keys-title" className="settings-section">
      <h2 id="keys-title">Keys</h2>
      <p className="hint">
        Each key is a name that stays the same while what it points to changes. Whoever holds the key can publish under
        its name: export it to keep a copy.
      </p>
      <ul ref={keepFocusInList} tabIndex={-1} className="links" aria-label="Keys">
        {keys.map((key) => (
          <KeyRow key={key.id} ipnsKey={key} />
        ))}
      </ul>
      <NewKey />
    </section>
  );
}

function KeyRow({ ipnsKey }: { ipnsKey: IpnsKey }) {
  const record = useAppStore((state) => state.ipnsRecords[ipnsKey.id]);
  const [mode, setMode] = useState<'links' | 'rename' | 'remove' | null>(null);
  const toggle = (next: typeof mode) => setMode(mode === next ? null : next);
  const exporting = useAction();
  const notify = useAppStore((state) => state.notify);
  const exportKey = () =>
    void exporting.run(async () => {
      const { path } = await call('ipns.exportKey', { name: ipnsKey.name });
      if (path)
        notify(
          'info',
          `Key ${revealName(ipnsKey.name)} exported to ${path}. Keep it private: it can publish this name.`,
        );
    });
  return (
    <li aria-label={revealName(ipnsKey.name)} tabIndex={-1}>
      <div className="link-head">
        <strong>
          <Name value={ipnsKey.name} />
        </strong>
        {ipnsKey.protected && <span className="badge">the node’s identity, protected</span>}
      </div>
      <code className="link-url">{ipnsKey.id}</code>
      <RecordFacts record={record} />
      <div className="actions">
        <CopyButton text={ipnsKey.id} label={`Copy the name of ${revealName(ipnsKey.name)}`} />
        <button type="button" aria-pressed={mode === 'links'} onClick={() => toggle('links')}>
          Links<span className="visually-hidden"> for {revealName(ipnsKey.name)}</span>
        </button>
        {!ipnsKey.protected && (
          <button type="button" aria-pressed={mode === 'rename'} onClick={() => toggle('rename')}>
            Rename<span className="visually-hidden"> {revealName(ipnsKey.name)}</span>
          </button>
        )}
        <button type="button" disabled={exporting.busy} onClick={exportKey}>
          Export<span className="visually-hidden"> {revealName(ipnsKey.name)}</span>
        </button>
        {!ipnsKey.protected && (
          <button type="button" aria-pressed={mode === 'remove'} onClick={() => toggle('remove')}>
            Remove<span className="visually-hidden"> {revealName(ipnsKey.name)}</span>
          </button>
        )}
      </div>
      <ErrorText error={exporting.error} />
      {mode === 'links' && <NameLinks ipnsKey={ipnsKey} />}
      {mode === 'rename' && <RenameKey ipnsKey={ipnsKey} onDone={() => setMode(null)} />}
      {mode === 'remove' && <RemoveKey ipnsKey={ipnsKey} onCancel={() => setMode(null)} />}
    </li>
  );
}

function RecordFacts({ record }: { record: IpnsRecordInfo | undefined }) {
  if (!record) return null;
  if (!record.published) {
    return <p className="hint">{record.note ?? 'Not published yet (or its record expired).'}</p>;
  }
  return (
    <>
      <table className="facts" aria-label={`Record of ${revealName(record.name)}`}>
        <tbody>
          <FactRow term="Points to">
            <code>{record.value}</code>
          </FactRow>
          <FactRow term="Sequence">{record.sequence}</FactRow>
          <FactRow term="Valid until">
            {record.validUntil ? formatTime(record.validUntil) : 'unknown'}
            {record.expired ? ' (expired)' : ''}
          </FactRow>
          <FactRow term="Last published">
            {record.lastPublishedAt ? formatTime(record.lastPublishedAt) : 'not by Cairn'}
          </FactRow>
        </tbody>
      </table>
      {record.reachedNetwork === false && (
        <p className="hint">Published on this node only: the record has not reached the network.</p>
      )}
    </>
  );
}

function NameLinks({ ipnsKey }: { ipnsKey: IpnsKey }) {
  const links = useShareLinks({ namespace: 'ipns', name: ipnsKey.id, path: [] });
  return <ShareLinkList links={links} label={`Links for ${revealName(ipnsKey.name)}`} />;
}

function RenameKey({ ipnsKey, onDone }: { ipnsKey: IpnsKey; onDone: () => void }) {
  const [name, setName] = useState(ipnsKey.name);
  const action = useAction(['to']);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void action
      .run(() => changeKeys('ipns.renameKey', { from: ipnsKey.name, to: name }))
      .then((done) => {
        if (done) onDone();
      });
  };
  return (
    <form className="paths" aria-label={`Rename ${revealName(ipnsKey.name)}`} onSubmit={submit}>
      <TextField
        label="New name"
        value={name}
        onChange={setName}
        required
        error={action.errorAt('to')}
        hint="The name (k51…) stays the same: only the label on this node changes."
      />
      <button type="submit" disabled={action.busy}>
        Save the new name
      </button>
      <ErrorText error={action.error} />
    </form>
  );
}

function RemoveKey({ ipnsKey, onCancel }: { ipnsKey: IpnsKey; onCancel: () => void }) {
  const action = useAction();
  return (
    <div role="group" aria-label={`Confirm removing ${revealName(ipnsKey.name)}`} className="problem">
      <p>
        Remove <Name value={ipnsKey.name} />? Every link to <code>{ipnsKey.id}</code> stops updating: nobody can publish
        under this name again (unless you exported the key), and once its last record expires the name resolves to
        nothing. A folder bound to it is unbound.
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={action.busy}
          onClick={() => void action.run(() => changeKeys('ipns.removeKey', { name: ipnsKey.name }))}
        >
          Remove <Name value={ipnsKey.name} /> for good
        </button>
        <button type="button" onClick={onCancel}>
          Keep it
        </button>
      </div>
      <ErrorText error={action.error} />
    </div>
  );
}

function NewKey() {
  const [name, setName] = useState('');
  const creating = useAction(['name']);
  const importing = useAction(['name']);
  const notify = useAppStore((state) => state.notify);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void creating
      .run(() => changeKeys('ipns.createKey', { name }))
      .then((done) => {
        if (done) setName('');
      });
  };
  const importKey = () =>
    void importing.run(async () => {
      const { key } = await changeKeys('ipns.importKey', { name });
      if (!key) return;
      notify('info', `Key imported as ${revealName(key.name)}.`);
      setName('');
    });
  return (
    <form className="paths" aria-label="New key" onSubmit={submit}>
      <TextField
        label="Key name"
        value={name}
        onChange={setName}
        placeholder="blog, photos-2026…"
        required
        error={creating.errorAt('name') ?? importing.errorAt('name')}
      />
      <div className="actions">
        <button type="submit" disabled={creating.busy}>
          Create key
        </button>
        <button type="button" disabled={importing.busy || !name.trim()} onClick={importKey}>
          Import key from a file…
        </button>
      </div>
      <p className="hint">
        New keys are ed25519. Importing asks for a key file exported by Cairn or `ipfs key export`.
      </p>
      <ErrorText error={creating.error ?? importing.error} />
    </form>
  );
}
