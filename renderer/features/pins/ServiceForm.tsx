import { useId, useState, type SubmitEvent } from 'react';
import { SelectField } from '../../app/SelectField';
import { TextField } from '../../app/TextField';
import { useFieldFaults } from '../../app/field-faults';
import type { ServiceCheck, ServiceInput } from '../../../shared/ipc/contract';
import { presetInfo, servicePresets, type ServicePreset } from '../../../shared/pins/presets';
import type { PinningService } from '../../../shared/settings';
import { saveService, testService } from './pins-actions';
import { FormButtons, TestOutcome } from '../../app/FormButtons';

/** Adds or edits a pinning service. The token goes one way, to main's keychain; a stored one is never shown. */
export function ServiceForm({ existing, onDone }: { existing?: PinningService; onDone: () => void }) {
  const titleId = useId();
  const [preset, setPreset] = useState<ServicePreset>(existing?.preset ?? 'pinata');
  const [name, setName] = useState(existing?.name ?? presetInfo.pinata.label);
  const [endpoint, setEndpoint] = useState(existing?.endpoint ?? presetInfo.pinata.endpoint);
  const [token, setToken] = useState('');
  const [check, setCheck] = useState<ServiceCheck | 'testing' | null>(null);
  const faults = useFieldFaults(['service.name', 'service.endpoint', 'service.token']);

  const input = (): ServiceInput => ({ ...(existing ? { id: existing.id } : {}), name, preset, endpoint, token });
  const choosePreset = (next: ServicePreset) => {
    // The name and endpoint follow the preset until the user typed their own.
    if (name === '' || name === presetInfo[preset].label) setName(presetInfo[next].label);
    if (endpoint === '' || endpoint === presetInfo[preset].endpoint) setEndpoint(presetInfo[next].endpoint);
    setPreset(next);
    setCheck(null);
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    faults.show(null);
    if (await saveService(input(), faults.show)) onDone();
  };

  return (
    <form className="profile-form" aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h3 id={titleId}>{existing ? `Edit ${existing.name}` : 'Add a pinning service'}</h3>
      <SelectField
        label="Service"
        value={preset}
        options={servicePresets.map((option) => [option, presetInfo[option].label] as const)}
        onChange={choosePreset}
      />
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        required
        maxLength={80}
        error={faults.at('service.name')}
      />
      <TextField
        label="API endpoint"
        value={endpoint}
        onChange={setEndpoint}
        required
        placeholder="https://…"
        spellCheck={false}
        error={faults.at('service.endpoint')}
      />
      <TextField
        label="Access token"
        type="password"
        value={token}
        onChange={setToken}
        autoComplete="off"
        placeholder={existing ? '•••••••• stored; leave empty to keep' : ''}
        error={faults.at('service.token')}
        hint={`${presetInfo[preset].hint} It is kept in the system keychain, never shown again.`}
      />
      <TestOutcome
        check={check}
        running="Testing the service…"
        success={({ pinCount }) => (
          <p role="status">
            OK: the service answers and accepts the token. It holds {pinCount} pin{pinCount === 1 ? '' : 's'}.
          </p>
        )}
      />
      <FormButtons
        submit="Save"
        onCancel={onDone}
        test={{
          label: 'Test',
          running: check === 'testing',
          run: () => {
            setCheck('testing');
            void testService(input()).then(setCheck);
          },
        }}
      />
    </form>
  );
}
