import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { TextField } from '../../app/TextField';
import { useAppStore } from '../../app/store';
import { requestRemotePins } from './pins-actions';

/**
 * "Pin to services": choose services, a name and metadata, and ask each service to pin each CID.
 * The requests are recorded at once and followed in the background (see the Pins view).
 */
export function PinToServices({
  cids,
  defaultName = '',
  onDone,
}: {
  cids: string[];
  defaultName?: string;
  onDone?: () => void;
}) {
  const titleId = useId();
  const services = useAppStore((state) => state.settings?.pins.services ?? []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [name, setName] = useState(defaultName);
  const [meta, setMeta] = useState<{ key: string; value: string }[]>([]);
  const [viaKubo, setViaKubo] = useState(false);
  const [sending, setSending] = useState(false);
  const allRegistered =
    chosen.length > 0 && chosen.every((id) => services.find((service) => service.id === id)?.kuboName);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSending(true);
    const entries = meta.filter((entry) => entry.key.trim() !== '').map((entry) => [entry.key.trim(), entry.value]);
    const done = await requestRemotePins({
      cids,
      serviceIds: chosen,
      name: name.trim(),
      ...(entries.length > 0 ? { meta: Object.fromEntries(entries) as Record<string, string> } : {}),
      ...(viaKubo && allRegistered ? { via: 'kubo' as const } : {}),
    });
    setSending(false);
    if (done) onDone?.();
  };

  return (
    <form className="pin-to-services" aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h3 id={titleId}>Pin {cids.length === 1 ? 'this CID' : `${cids.length} CIDs`} to services</h3>
      {services.length === 0 ? (
        <p className="hint">No pinning service yet: add one under Settings, Pinning services.</p>
      ) : (
        <fieldset>
          <legend>Services</legend>
          {services.map((service) => (
            <label key={service.id}>
              <input
                type="checkbox"
                checked={chosen.includes(service.id)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setChosen((ids) => (on ? [...ids, service.id] : ids.filter((id) => id !== service.id)));
                }}
              />
              {service.name}
            </label>
          ))}
        </fieldset>
      )}
      <TextField
        label="Pin name"
        value={name}
        onChange={setName}
        maxLength={255}
        placeholder="Shown in the service's dashboard"
      />
      <fieldset>
        <legend>Metadata</legend>
        {meta.map((entry, index) => (
          <div className="header-row" key={index}>
            <input
              aria-label={`Metadata ${index + 1} key`}
              value={entry.key}
              maxLength={64}
              onChange={(event) => {
                const key = event.currentTarget.value;
                setMeta((rows) => rows.map((row, i) => (i === index ? { ...row, key } : row)));
              }}
            />
            <input
              aria-label={`Metadata ${index + 1} value`}
              value={entry.value}
              maxLength={1024}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setMeta((rows) => rows.map((row, i) => (i === index ? { ...row, value } : row)));
              }}
            />
            <button type="button" onClick={() => setMeta((rows) => rows.filter((_, i) => i !== index))}>
              Remove metadata {index + 1}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setMeta((rows) => [...rows, { key: '', value: '' }])}>
          Add metadata
        </button>
      </fieldset>
      {allRegistered && (
        <label>
          <input type="checkbox" checked={viaKubo} onChange={(event) => setViaKubo(event.currentTarget.checked)} />
          Ask through Kubo (pin remote) instead of from Cairn
        </label>
      )}
      <div className="actions">
        <button type="submit" disabled={chosen.length === 0 || sending}>
          Pin to {chosen.length} service{chosen.length === 1 ? '' : 's'}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** The same control in a modal dialog, for Files rows and the upload dialog. */
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
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="pin-dialog" aria-label="Pin to services" onClose={onClose}>
      {open && <PinToServices cids={cids} {...(defaultName === undefined ? {} : { defaultName })} onDone={onClose} />}
    </dialog>
  );
}
