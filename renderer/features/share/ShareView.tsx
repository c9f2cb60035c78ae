import { useMemo, useState } from 'react';
import { SelectField } from '../../app/SelectField';
import { TextField } from '../../app/TextField';
import type { GatewayHealth } from '../../../shared/ipc/contract';
import { linkKinds, type LinkKind } from '../../../shared/links/build-link';
import { LinkError, parseContentRef, type ContentRef } from '../../../shared/links/content-ref';
import { call, messageOf } from '../../app/api';
import { CopyButton } from '../../app/CopyButton';
import { PinBadge } from '../pins/PinBadge';
import { useAppStore } from '../../app/store';
import { updateSettings } from '../settings/settings-actions';
import { QrCode } from './QrCode';
import { checkGateway } from './share-actions';
import { shareLinks, type ShareLink } from './share-links';

const kindLabels: Record<LinkKind, string> = {
  native: 'ipfs:// (native)',
  path: 'Gateway, path style',
  subdomain: 'Gateway, subdomain style',
};

export function ShareView() {
  const input = useAppStore((state) => state.shareInput);
  const setInput = useAppStore((state) => state.setShareInput);
  const share = useAppStore((state) => state.settings?.share);
  const localGateway = useAppStore((state) => state.node?.info?.gatewayUrl ?? null);
  const [qrFor, setQrFor] = useState<string | null>(null);

  const parsed = useMemo((): { ref: ContentRef } | { error: string } | null => {
    if (!input.trim()) return null;
    try {
      return { ref: parseContentRef(input) };
    } catch (error) {
      return { error: error instanceof LinkError ? error.message : messageOf(error) };
    }
  }, [input]);
  const links = parsed && 'ref' in parsed && share ? shareLinks(parsed.ref, share, localGateway) : [];
  const reachVia = links.find((link) => link.isDefault && link.gateway) ?? links.find((link) => link.gateway);

  return (
    <section aria-labelledby="view-title" className="view share">
      <h1 id="view-title">Share</h1>
      <TextField
        className="share-input"
        label="Content to share"
        value={input}
        onChange={setInput}
        placeholder="A CID, /ipfs/…, ipfs://…, ipns://… or a gateway link"
        spellCheck={false}
      />
      {share && (
        <SelectField
          label="Default link kind"
          value={share.defaultKind}
          options={linkKinds.map((kind) => [kind, kindLabels[kind]] as const)}
          onChange={(defaultKind) => void updateSettings({ share: { defaultKind } })}
        />
      )}
      {parsed && 'error' in parsed && (
        <p role="alert" className="error-text">
          {parsed.error}
        </p>
      )}
      {parsed && 'ref' in parsed && parsed.ref.namespace === 'ipfs' && <PinBadge cid={parsed.ref.cid.toString()} />}
      {links.length > 0 && (
        <ul className="links" aria-label="Links">
          {links.map(({ id, label, link, gateway, isDefault }) => (
            <li key={id} aria-label={label}>
              <div className="link-head">
                <strong>{label}</strong>
                {isDefault && <span className="badge">default</span>}
              </div>
              <code className="link-url">{link.url}</code>
              {link.note && <p className="hint">{link.note}</p>}
              <div className="actions">
                <CopyButton text={link.url} label={`Copy ${label} link`} />
                {gateway && (
                  <button type="button" onClick={() => void openExternal(link.url)}>
                    Open<span className="visually-hidden"> {label} link</span>
                  </button>
                )}
                <button
                  type="button"
                  aria-pressed={qrFor === link.url}
                  onClick={() => setQrFor(qrFor === link.url ? null : link.url)}
                >
                  QR code<span className="visually-hidden"> for the {label} link</span>
                </button>
              </div>
              {qrFor === link.url && <QrCode text={link.url} />}
            </li>
          ))}
        </ul>
      )}
      {parsed && 'ref' in parsed && parsed.ref.namespace === 'ipfs' && reachVia && (
        <Reachability cid={parsed.ref.cid.toString()} link={reachVia} />
      )}
      {!input.trim() && (
        <div className="empty-state">
          <p>Paste any form of a content address to get all its links, or use Share on a file in Files.</p>
          <p>Gateways are listed in Settings; the local node&apos;s gateway and ipfs:// are always here.</p>
        </div>
      )}
    </section>
  );
}

async function openExternal(url: string): Promise<void> {
  try {
    await call('shell.openExternal', { url });
  } catch (error) {
    useAppStore.getState().notify('error', `Could not open the link: ${messageOf(error)}`);
  }
}

/** "Is it reachable?": asks the gateway of the default link for the content's root block and checks the bytes. */
function Reachability({ cid, link }: { cid: string; link: ShareLink }) {
  const [result, setResult] = useState<GatewayHealth | 'checking' | null>(null);
  const { gateway } = link;
  if (!gateway) return null;
  return (
    <div className="reachability">
      <button
        type="button"
        onClick={() => {
          setResult('checking');
          void checkGateway(gateway, cid).then(setResult);
        }}
      >
        Is it reachable through {link.label}?
      </button>
      {result === 'checking' && <p role="status">Asking {link.label}…</p>}
      {result && result !== 'checking' && (
        <p role="status" className={result.status === 'trustworthy' ? 'ok-text' : 'error-text'}>
          {result.status === 'trustworthy' ? 'Reachable: ' : 'Not reachable: '}
          {result.message}
        </p>
      )}
    </div>
  );
}
