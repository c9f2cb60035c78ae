import { useState, type SubmitEvent } from 'react';
import { revealName } from '../../../shared/hidden-characters';
import { Name } from '../../ui/Name';
import { keepFocusInList } from '../../ui/keep-focus';
import { SelectField } from '../../app/SelectField';
import { TextField } from '../../app/TextField';
import { useFieldFaults, type FieldFault } from '../../app/field-faults';
import { LOCAL_GATEWAY, type Gateway, type GatewayStyle, type Settings } from '../../../shared/settings';
import { useAppStore } from '../../app/store';
import { checkGateway, makeDefaultGateway } from '../share/share-actions';
import { updateSettings } from './settings-actions';
import { GatewayCheckText } from '../share/GatewayCheckText';
import { checkStatusLabels, type GatewayCheck } from '../share/gateway-words';

/** The gateways share links may use, each with a check that it serves the right bytes. */
export function Gateways({ share }: { share: Settings['share'] }) {
  const localGateway = useAppStore((state) => state.node?.info?.gatewayUrl ?? null);
  const [health, setHealth] = useState<Record<string, GatewayCheck | 'checking'>>({});
  const setGateways = (gateways: Gateway[], atField?: (fault: FieldFault) => boolean) =>
    updateSettings({ share: { gateways } }, atField);
  const check = async (id: string, asking: () => Promise<GatewayCheck>): Promise<void> => {
    setHealth((all) => ({ ...all, [id]: 'checking' }));
    const result = await asking();
    setHealth((all) => ({ ...all, [id]: result }));
  };
  // A gateway becomes the default only once it has served the right bytes (or could not be asked, offline).
  const makeDefault = (gateway: Gateway) => check(gateway.id, () => makeDefaultGateway(gateway));

  return (
    <section aria-labelledby="gateways-title" className="settings-section">
      <h2 id="gateways-title">Gateways</h2>
      <p className="hint">
        Share links use the default gateway. A check asks the gateway for content your node has and verifies the bytes
        against the CID; checks of gateways outside this machine are skipped in offline mode.
      </p>
      <ul ref={keepFocusInList} tabIndex={-1} className="gateways" aria-label="Gateways">
        <li aria-label="Local node" tabIndex={-1}>
          <label>
            <input
              type="radio"
              name="default-gateway"
              checked={share.defaultGateway === LOCAL_GATEWAY}
              onChange={() => void updateSettings({ share: { defaultGateway: LOCAL_GATEWAY } })}
            />
            Local node <code>{localGateway ?? 'not reachable from here'}</code>
          </label>
          {localGateway && (
            <button
              type="button"
              onClick={() => void check(LOCAL_GATEWAY, () => checkGateway({ url: localGateway, style: 'path' }))}
            >
              Check<span className="visually-hidden"> Local node</span>
            </button>
          )}
          <HealthText health={health[LOCAL_GATEWAY]} />
        </li>
        {share.gateways.map((gateway) => (
          <li key={gateway.id} aria-label={revealName(gateway.name)} tabIndex={-1}>
            <label>
              <input
                type="radio"
                name="default-gateway"
                disabled={!gateway.enabled}
                checked={share.defaultGateway === gateway.id}
                onChange={() => void makeDefault(gateway)}
              />
              <Name value={gateway.name} /> <code>{gateway.url}</code> ({gateway.style})
            </label>
            <label>
              <input
                type="checkbox"
                checked={gateway.enabled}
                onChange={(event) => {
                  const enabled = event.currentTarget.checked;
                  void setGateways(share.gateways.map((g) => (g.id === gateway.id ? { ...g, enabled } : g)));
                }}
              />
              Use<span className="visually-hidden"> {revealName(gateway.name)}</span>
            </label>
            <button type="button" onClick={() => void check(gateway.id, () => checkGateway(gateway))}>
              Check<span className="visually-hidden"> {revealName(gateway.name)}</span>
            </button>
            <button type="button" onClick={() => void setGateways(share.gateways.filter((g) => g.id !== gateway.id))}>
              Remove<span className="visually-hidden"> {revealName(gateway.name)}</span>
            </button>
            {gateway.note && <p className="hint">{gateway.note}</p>}
            <HealthText health={health[gateway.id]} />
          </li>
        ))}
      </ul>
      <AddGateway
        at={`share.gateways.${share.gateways.length}`}
        onAdd={(gateway, atField) => setGateways([...share.gateways, gateway], atField)}
      />
    </section>
  );
}

function HealthText({ health }: { health: GatewayCheck | 'checking' | undefined }) {
  if (!health) return null;
  if (health === 'checking') return <p role="status">Checking…</p>;
  return <GatewayCheckText check={health} lead={`${checkStatusLabels[health.status]}: `} />;
}

/** The form for one more gateway; `at` is where the new one sits in the request, as a refusal names it. */
function AddGateway({
  at,
  onAdd,
}: {
  at: string;
  onAdd: (gateway: Gateway, atField: (fault: FieldFault) => boolean) => Promise<boolean>;
}) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [style, setStyle] = useState<GatewayStyle>('subdomain');
  const faults = useFieldFaults([`${at}.name`, `${at}.url`]);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    faults.show(null);
    const id = `custom-${crypto.randomUUID().slice(0, 8)}`;
    const added = await onAdd({ id, name: name.trim(), url: url.trim(), style, enabled: true }, faults.show);
    if (!added) return;
    setName('');
    setUrl('');
  };
  return (
    <form className="paths" aria-label="Add a gateway" onSubmit={(event) => void submit(event)}>
      <TextField
        label="Gateway name"
        value={name}
        onChange={setName}
        required
        maxLength={80}
        error={faults.at(`${at}.name`)}
      />
      <TextField
        label="Gateway URL"
        value={url}
        onChange={setUrl}
        required
        placeholder="https://example.mypinata.cloud"
        error={faults.at(`${at}.url`)}
      />
      <SelectField
        label="Style"
        value={style}
        options={[
          ['subdomain', 'Subdomain (https://CID.ipfs.host)'],
          ['path', 'Path (https://host/ipfs/CID)'],
        ]}
        onChange={setStyle}
      />
      <button type="submit">Add gateway</button>
    </form>
  );
}
