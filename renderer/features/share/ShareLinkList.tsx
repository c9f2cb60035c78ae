import { useState, type ReactNode } from 'react';
import type { ContentRef } from '../../../shared/links/content-ref';
import { call } from '../../app/api';
import { reportFailure } from '../../app/failure';
import { CopyButton } from '../../app/CopyButton';
import { useAppStore } from '../../app/store';
import { QrCode } from './QrCode';
import { shareLinks, type ShareLink } from './share-links';

/** Every link for `content` (a CID or an IPNS name) with the user's gateways and default kind. */
export function useShareLinks(content: ContentRef | null): ShareLink[] {
  const share = useAppStore((state) => state.settings?.share);
  const localGateway = useAppStore((state) => state.node?.info?.gatewayUrl ?? null);
  return content && share ? shareLinks(content, share, localGateway) : [];
}

/**
 * The links as a list, each with copy, open (gateway links) and QR code actions; those that open only
 * on this computer say so, and `besideDefault` goes under the default link.
 */
export function ShareLinkList({
  links,
  label = 'Links',
  besideDefault,
}: {
  links: ShareLink[];
  label?: string;
  besideDefault?: ReactNode;
}) {
  const [qrFor, setQrFor] = useState<string | null>(null);
  if (links.length === 0) return null;
  return (
    <ul className="links" aria-label={label}>
      {links.map(({ id, label: name, link, gateway, isDefault, localOnly }) => (
        <li key={id} aria-label={name}>
          <div className="link-head">
            <strong>{name}</strong>
            {isDefault && <span className="badge">default</span>}
            {localOnly && <span className="badge badge-quiet">only on this computer</span>}
          </div>
          {link.url !== null && <code className="link-url">{link.url}</code>}
          {link.note && <p className="hint">{link.note}</p>}
          {link.url !== null && (
            <>
              <LinkActions url={link.url} name={name} opens={gateway !== null} qrFor={qrFor} setQrFor={setQrFor} />
              {qrFor === link.url && <QrCode text={link.url} />}
            </>
          )}
          {isDefault && besideDefault}
        </li>
      ))}
    </ul>
  );
}

/** Copy, open (gateway links) and QR code for one link. */
function LinkActions({
  url,
  name,
  opens,
  qrFor,
  setQrFor,
}: {
  url: string;
  name: string;
  opens: boolean;
  qrFor: string | null;
  setQrFor: (url: string | null) => void;
}) {
  return (
    <div className="actions">
      <CopyButton text={url} label={`Copy ${name} link`} />
      {opens && (
        <button type="button" onClick={() => void openExternal(url)}>
          Open<span className="visually-hidden"> {name} link</span>
        </button>
      )}
      <button type="button" aria-pressed={qrFor === url} onClick={() => setQrFor(qrFor === url ? null : url)}>
        QR code<span className="visually-hidden"> for the {name} link</span>
      </button>
    </div>
  );
}

async function openExternal(url: string): Promise<void> {
  try {
    await call('shell.openExternal', { url });
  } catch (error) {
    reportFailure('Could not open the link', error);
  }
}
