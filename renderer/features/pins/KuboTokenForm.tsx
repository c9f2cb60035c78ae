import { useId, useState, type SubmitEvent } from 'react';
import { FormButtons } from '../../app/FormButtons';
import { TextField } from '../../app/TextField';
import { useFieldFaults } from '../../app/field-faults';
import type { PinningService } from '../../../shared/settings';
import { registerWithKubo } from './pins-actions';

/**
 * Registers a service with a remote node in use: that node gets a copy of the token typed here,
 * since Cairn sends a stored token only to the service it was saved for.
 */
export function KuboTokenForm({ service, onDone }: { service: PinningService; onDone: () => void }) {
  const titleId = useId();
  const [token, setToken] = useState('');
  const faults = useFieldFaults(['token']);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    faults.show(null);
    if ((await registerWithKubo(service.id, true, token, faults.show)) === 'done') onDone();
  };
  return (
    <form className="profile-form" aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h3 id={titleId}>Register {service.name} with the node in use</h3>
      <TextField
        label={`Access token for ${service.name}`}
        type="password"
        value={token}
        onChange={setToken}
        autoComplete="off"
        required
        error={faults.at('token')}
        hint="The node in use is a remote one: it keeps its own copy of the token. Cairn sends the saved token only to the service itself, so type it again here."
      />
      <FormButtons submit="Register" submitDisabled={token === ''} onCancel={onDone} />
    </form>
  );
}
