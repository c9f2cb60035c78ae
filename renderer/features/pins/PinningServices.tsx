import { useState } from 'react';
import { revealName } from '../../../shared/hidden-characters';
import { Name } from '../../ui/Name';
import { keepFocusInList } from '../../ui/keep-focus';
import { presetInfo } from '../../../shared/pins/presets';
import type { PinningService } from '../../../shared/settings';
import { KuboTokenForm } from './KuboTokenForm';
import { registerWithKubo, removeService } from './pins-actions';
import { NoServices } from './PinsEmpty';
import { ServiceForm } from './ServiceForm';

/** Settings section: the remote pinning services, their tokens (write-only) and Kubo registration. */
export function PinningServices({ services }: { services: PinningService[] }) {
  const [editing, setEditing] = useState<PinningService | 'new' | null>(null);
  // The service whose registration waits for a token typed for the remote node in use.
  const [askingToken, setAskingToken] = useState<PinningService | null>(null);
  const register = async (service: PinningService, registered: boolean) => {
    if ((await registerWithKubo(service.id, registered)) === 'token-needed') setAskingToken(service);
  };
  return (
    <section aria-labelledby="pinning-title" className="settings-section">
      <h2 id="pinning-title">Pinning services</h2>
      <p className="hint">
        Services that keep your content online when this computer is off (IPFS Pinning Service API). Use more than one
        for important data. Tokens are kept in the system keychain.
      </p>
      {services.length === 0 && editing === null && <NoServices inSettings />}
      {services.length > 0 && (
        <p className="hint" id="kubo-token-plain-text">
          “Also in Kubo” lets Kubo’s own commands use a service too, but Kubo keeps its token in its config file in
          plain text, readable by anyone who can read that file.
        </p>
      )}
      {/* Mounted while empty too: the focus on the last one removed goes to it, not to the page's body. */}
      <ul ref={keepFocusInList} tabIndex={-1} className="profiles" aria-label="Pinning services">
        {services.map((service) => (
          <li key={service.id} aria-label={revealName(service.name)} tabIndex={-1}>
            <span>
              <strong>
                <Name value={service.name} />
              </strong>{' '}
              <code>{service.endpoint}</code> ({presetInfo[service.preset].label})
              {service.kuboName ? ` · registered with Kubo as ${service.kuboName}` : ''}
            </span>
            <label>
              <input
                type="checkbox"
                checked={service.kuboName !== null}
                aria-describedby="kubo-token-plain-text"
                onChange={(event) => void register(service, event.currentTarget.checked)}
              />
              Also in Kubo<span className="visually-hidden"> for {revealName(service.name)}</span>
            </label>
            <button type="button" onClick={() => setEditing(service)}>
              Edit<span className="visually-hidden"> {revealName(service.name)}</span>
            </button>
            <button type="button" onClick={() => void removeService(service.id, service.name)}>
              Remove<span className="visually-hidden"> {revealName(service.name)}</span>
            </button>
          </li>
        ))}
      </ul>
      {askingToken && <KuboTokenForm service={askingToken} onDone={() => setAskingToken(null)} />}
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')}>
          Add a pinning service
        </button>
      ) : (
        <ServiceForm
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing === 'new' ? {} : { existing: editing })}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}
