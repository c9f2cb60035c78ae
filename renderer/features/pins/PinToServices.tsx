import { useState } from 'react';
import { useFieldFaults } from '../../app/field-faults';
import { useAppStore } from '../../app/store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { CheckField, Field, PairField } from '../../ui/Field';
import { requestRemotePins } from './pins-actions';
import { TextInput } from '../../ui/TextInput';

type MetaRow = { key: string; value: string };

/** Where main names a row's refused value (`meta.<key>`) and key (`meta.<key>.key`) in the request. */
const metaFields = (row: MetaRow) => ({ value: `meta.${row.key.trim()}`, key: `meta.${row.key.trim()}.key` });

/**
 * "Pin to services", for Files rows, pins and uploads: choose services, a name and metadata, and ask
 * each service to pin each CID. The requests are recorded at once and followed in the background
 * (see the Pins view). Mounted only while open, so each opening starts blank.
 */
export function PinToServicesDialog({
  cids,
  defaultName,
  open,
  onClose,
}: {
  cids: string[];
  defaultName?: string;
  open: boolean;
  onClose: () => void;
}) {
  return open ? <PinToServicesForm cids={cids} defaultName={defaultName ?? ''} onClose={onClose} /> : null;
}

function PinToServicesForm({
  cids,
  defaultName,
  onClose,
}: {
  cids: string[];
  defaultName: string;
  onClose: () => void;
}) {
  const services = useAppStore((state) => state.settings?.pins.services ?? []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [name, setName] = useState(defaultName);
  const [meta, setMeta] = useState<MetaRow[]>([]);
  const [viaKubo, setViaKubo] = useState(false);
  const [sending, setSending] = useState(false);
  const faults = useFieldFaults(['name', ...meta.flatMap((row) => Object.values(metaFields(row)))]);
  const allRegistered =
    chosen.length > 0 && chosen.every((id) => services.find((service) => service.id === id)?.kuboName);

  const submit = async () => {
    setSending(true);
    faults.show(null);
    const entries = meta.filter((entry) => entry.key.trim() !== '').map((entry) => [entry.key.trim(), entry.value]);
    const done = await requestRemotePins(
      {
        cids,
        serviceIds: chosen,
        name: name.trim(),
        ...(entries.length > 0 ? { meta: Object.fromEntries(entries) as Record<string, string> } : {}),
        ...(viaKubo && allRegistered ? { via: 'kubo' as const } : {}),
      },
      faults.show,
    );
    setSending(false);
    if (done) onClose();
  };
  const editMeta = (index: number, change: Partial<MetaRow>) =>
    setMeta((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <Dialog
      open
      onClose={onClose}
      title="Pin to services"
      onSubmit={() => void submit()}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={chosen.length === 0 || sending}>
            Pin to {chosen.length} service{chosen.length === 1 ? '' : 's'}
          </Button>
        </>
      }
    >
      <p className="hint">{cids.length === 1 ? 'One CID' : `${cids.length} CIDs`}, asked of each service chosen.</p>
      {services.length === 0 ? (
        <p className="hint">No pinning service yet: add one under Settings, Pinning services.</p>
      ) : (
        <fieldset className="pin-services">
          <legend>Services</legend>
          {services.map((service) => (
            <label key={service.id} className="field-check">
              <input
                type="checkbox"
                checked={chosen.includes(service.id)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setChosen((ids) => (on ? [...ids, service.id] : ids.filter((id) => id !== service.id)));
                }}
              />
              <span>{service.name}</span>
            </label>
          ))}
        </fieldset>
      )}
      <Field label="Pin name" hint="Shown in the service's dashboard." error={faults.at('name')}>
        <TextInput value={name} maxLength={255} onChange={setName} />
      </Field>
      <fieldset>
        <legend>Metadata</legend>
        {meta.map((entry, index) => (
          <div className="header-row" key={index}>
            <PairField caption="Key" error={faults.at(metaFields(entry).key)}>
              <input
                aria-label={`Metadata ${index + 1} key`}
                value={entry.key}
                maxLength={64}
                onChange={(event) => editMeta(index, { key: event.currentTarget.value })}
              />
            </PairField>
            <PairField caption="Value" error={faults.at(metaFields(entry).value)}>
              <input
                aria-label={`Metadata ${index + 1} value`}
                value={entry.value}
                maxLength={1024}
                onChange={(event) => editMeta(index, { value: event.currentTarget.value })}
              />
            </PairField>
            <Button onClick={() => setMeta((rows) => rows.filter((_, i) => i !== index))}>
              Remove metadata {index + 1}
            </Button>
          </div>
        ))}
        <Button onClick={() => setMeta((rows) => [...rows, { key: '', value: '' }])}>Add metadata</Button>
      </fieldset>
      {allRegistered && (
        <CheckField
          label="Ask through Kubo (pin remote) instead of from Cairn"
          checked={viaKubo}
          onChange={setViaKubo}
        />
      )}
    </Dialog>
  );
}
