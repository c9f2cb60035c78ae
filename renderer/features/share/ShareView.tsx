import { useMemo, useState } from 'react';
import { SelectField } from '../../app/SelectField';
import { TextField } from '../../app/TextField';
import { linkKinds, type LinkKind } from '../../../shared/links/build-link';
import { ipnsKey, LinkError, parseContentRef, type ContentRef } from '../../../shared/links/content-ref';
import { plainMessage } from '../../app/failure';
import { linkErrorWords } from '../../app/link-words';
import { PinBadge } from '../pins/PinBadge';
import { useAppStore } from '../../app/store';
import { updateSettings } from '../settings/settings-actions';
import { publishUnderName } from '../ipns/ipns-actions';
import { checkGateway } from './share-actions';
import { LocalOnlyOffer } from './LocalOnlyOffer';
import { DnslinkNote } from './DnslinkNote';
import type { ShareLink } from './share-links';
import { ShareLinkList, useShareLinks } from './ShareLinkList';
import { GatewayCheckText } from './GatewayCheckText';
import type { GatewayCheck } from './gateway-words';

const kindLabels: Record<LinkKind, string> = {
  native: 'ipfs:// (native)',
  path: 'Gateway, path style',
  subdomain: 'Gateway, subdomain style',
};

/** What the links point at: the CID, or the path inside it, whose keeping is what matters. */
function sharedContent(ref: ContentRef & { namespace: 'ipfs' }): string {
  return ref.path.length === 0 ? ref.cid.toString() : ['', 'ipfs', ref.cid.toString(), ...ref.path].join('/');
}

export function ShareView() {
  const input = useAppStore((state) => state.shareInput);
  const setInput = useAppStore((state) => state.setShareInput);
  const share = useAppStore((state) => state.settings?.share);

  const parsed = useMemo((): { ref: ContentRef } | { error: string } | null => {
    if (!input.trim()) return null;
    try {
      return { ref: parseContentRef(input) };
    } catch (error) {
      return { error: error instanceof LinkError ? linkErrorWords(error, input) : plainMessage(error) };
    }
  }, [input]);
  const links = useShareLinks(parsed && 'ref' in parsed ? parsed.ref : null);
  const defaultLink = links.find((link) => link.isDefault);
  const reachVia = (defaultLink?.gateway ? defaultLink : undefined) ?? links.find((link) => link.gateway);

  return (
    <section aria-labelledby="view-title" className="view share">
      <h1 id="view-title">Share</h1>
      <TextField
        label="Content to share"
        value={input}
        onChange={setInput}
        placeholder="A CID, /ipfs/…, ipfs://…, ipns://…, a domain or a gateway link"
        spellCheck={false}
        error={parsed && 'error' in parsed ? parsed.error : undefined}
      />
      {share && (
        <SelectField
          label="Default link kind"
          value={share.defaultKind}
          options={linkKinds.map((kind) => [kind, kindLabels[kind]] as const)}
          onChange={(defaultKind) => void updateSettings({ share: { defaultKind } })}
        />
      )}
      {parsed && 'ref' in parsed && parsed.ref.namespace === 'ipfs' && <PinBadge cid={sharedContent(parsed.ref)} />}
      {parsed && 'ref' in parsed && parsed.ref.namespace === 'ipns' && !ipnsKey(parsed.ref.name) && (
        <DnslinkNote name={parsed.ref.name} />
      )}
      <ShareLinkList links={links} besideDefault={defaultLink?.localOnly && <LocalOnlyOffer />} />
      {parsed && 'ref' in parsed && parsed.ref.namespace === 'ipfs' && (
        <div className="actions">
          <button type="button" onClick={() => publishUnderName(input.trim())}>
            Publish under a name…
          </button>
          <p className="hint">A name (IPNS) keeps one link while you publish newer versions under it.</p>
        </div>
      )}
      {parsed && 'ref' in parsed && parsed.ref.namespace === 'ipfs' && reachVia && (
        // A new CID or gateway starts unasked: an answer stands only beside what was asked.
        <Reachability
          key={`${sharedContent(parsed.ref)} ${reachVia.id}`}
          content={sharedContent(parsed.ref)}
          link={reachVia}
        />
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

/**
 * "Is it reachable?": asks the gateway of the default link for the shared content's first block (a
 * path's end, not the folder it starts from) and checks the bytes.
 */
function Reachability({ content, link }: { content: string; link: ShareLink }) {
  const [result, setResult] = useState<GatewayCheck | 'checking' | null>(null);
  const { gateway } = link;
  if (!gateway) return null;
  return (
    <div className="reachability">
      <button
        type="button"
        onClick={() => {
          setResult('checking');
          void checkGateway(gateway, content).then(setResult);
        }}
      >
        Is it reachable through {link.label}?
      </button>
      {result === 'checking' && <p role="status">Asking {link.label}…</p>}
      {result && result !== 'checking' && <GatewayCheckText check={result} lead={reachabilityLead(result)} />}
    </div>
  );
}

/** What the check means for reaching the content: only an answer that failed is "not reachable". */
function reachabilityLead(check: GatewayCheck): string {
  if (check.status === 'trustworthy') return 'Reachable: ';
  // Not asked (offline, or no link on that gateway): the sentence says why.
  if (check.status === 'skipped') return '';
  if (check.status !== 'failed' && check.finding.kind === 'uncheckable') return 'Reachable, not checked: ';
  return 'Not reachable: ';
}
