import { useState, type SubmitEvent } from 'react';
import {
  DEFAULT_LIFETIME_SECONDS,
  DEFAULT_TTL_SECONDS,
  type IpnsKey,
  type PublishResult,
} from '../../../shared/ipc/contract';
import { SelectField } from '../../app/SelectField';
import { useAppStore } from '../../app/store';
import { TextField } from '../../app/TextField';
import { publish } from './ipns-actions';
import { ErrorText, useAction } from '../../app/use-action';

/** Publish any CID or Files path under a key, with the record's lifetime and TTL. */
export function PublishForm({ keys }: { keys: IpnsKey[] }) {
  const value = useAppStore((state) => state.publishValue);
  const setValue = useAppStore((state) => state.setPublishValue);
  const [key, setKey] = useState('');
  const [lifetimeHours, setLifetimeHours] = useState(String(DEFAULT_LIFETIME_SECONDS / 3600));
  const [ttlMinutes, setTtlMinutes] = useState(String(DEFAULT_TTL_SECONDS / 60));
  const [result, setResult] = useState<PublishResult | null>(null);
  const action = useAction(['value', 'lifetimeSeconds', 'ttlSeconds']);
  // The chosen key, or the first one the user made (self last) when none is chosen or it is gone.
  const chosen = keys.some((candidate) => candidate.name === key)
    ? key
    : (keys.find((candidate) => !candidate.protected)?.name ?? keys[0]?.name ?? '');

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setResult(null);
    void action.run(async () => {
      setResult(
        await publish({
          key: chosen,
          value,
          lifetimeSeconds: Math.round(Number(lifetimeHours) * 3600),
          ttlSeconds: Math.round(Number(ttlMinutes) * 60),
        }),
      );
    });
  };
  return (
    <section aria-labelledby="publish-title" className="settings-section">
      <h2 id="publish-title">Publish</h2>
      <form className="paths" aria-label="Publish under a name" onSubmit={submit}>
        <SelectField
          label="Key"
          value={chosen}
          options={keys.map((candidate) => [candidate.name, candidate.name] as const)}
          onChange={setKey}
        />
        <TextField
          label="CID or Files path"
          value={value}
          onChange={setValue}
          placeholder="bafy…, /ipfs/…, or a folder in Files such as /photos"
          spellCheck={false}
          required
          error={action.errorAt('value')}
        />
        <TextField
          label="Lifetime (hours)"
          type="number"
          min={1 / 60}
          step="any"
          value={lifetimeHours}
          onChange={setLifetimeHours}
          error={action.errorAt('lifetimeSeconds')}
          hint="How long the signed record stays valid. After that the name resolves to nothing until it is published again; a node that is online republishes its names before then."
        />
        <TextField
          label="TTL (minutes)"
          type="number"
          min={1 / 60}
          step="any"
          value={ttlMinutes}
          onChange={setTtlMinutes}
          error={action.errorAt('ttlSeconds')}
          hint="How long resolvers may keep the answer before asking again: shorter means changes are seen sooner."
        />
        <button type="submit" disabled={action.busy || !chosen}>
          {action.busy ? 'Publishing…' : 'Publish'}
        </button>
        <ErrorText error={action.error} />
        {result && (
          <p role="status" className="ok-text">
            Published {result.value} under {result.name}.
            {!result.reachedNetwork &&
              ' Offline mode: the record is on this node only and has not reached the network.'}
          </p>
        )}
      </form>
    </section>
  );
}
