import { useMemo, useState } from 'react';
import type { NodeCidInfo } from '../../../shared/ipc/contract';
import { LinkError, parseContentRef, RefusedCidError } from '../../../shared/links/content-ref';
import { inspectCid, type CidAnatomy } from '../../../shared/links/inspect-cid';
import { call } from '../../app/api';
import { plainMessage } from '../../app/failure';
import { linkErrorWords } from '../../app/link-words';
import { CopyButton } from '../../app/CopyButton';
import { FactRow } from '../../app/FactRow';
import { PinBadge } from '../pins/PinBadge';
import { formatBytes } from '../../app/format';
import { TextField } from '../../app/TextField';
import { useAppStore } from '../../app/store';
import { shareLinks } from '../share/share-links';
import { Name } from '../../ui/Name';

/** A CID taken apart: what it says about itself, its other forms and links, and what the node has of it. */
export function CidInspector() {
  const [text, setText] = useState('');
  const [onNode, setOnNode] = useState<NodeCidInfo | 'asking' | { error: string } | null>(null);
  const share = useAppStore((state) => state.settings?.share);
  const localGateway = useAppStore((state) => state.node?.info?.gatewayUrl ?? null);

  // A CID Kubo refuses is still taken apart, since its parts say why; it gets no links and no lookup.
  const anatomy = useMemo((): (CidAnatomy & { refused?: string }) | { error: string } | null => {
    if (!text.trim()) return null;
    try {
      const ref = parseContentRef(text);
      if (ref.namespace !== 'ipfs')
        return { error: 'This is an IPNS name, not a CID: resolve it to get the CID it points to.' };
      // As written, so that the base it was written in is named.
      return inspectCid(ref.cidText ?? ref.cid.toString());
    } catch (error) {
      if (error instanceof RefusedCidError) return { ...inspectCid(error.cidText), refused: error.message };
      return { error: error instanceof LinkError ? linkErrorWords(error, text) : plainMessage(error) };
    }
  }, [text]);
  const cid = anatomy && !('error' in anatomy) && !anatomy.refused ? (anatomy.forms.v0 ?? anatomy.forms.base32) : null;
  const links = cid && share ? shareLinks(parseContentRef(cid), share, localGateway) : [];

  const askNode = async (target: string) => {
    setOnNode('asking');
    setOnNode(
      await call('verify.inspectOnNode', { cid: target }).catch((error: unknown) => ({ error: plainMessage(error) })),
    );
  };

  return (
    <section aria-labelledby="inspect-title" className="inspector">
      <h2 id="inspect-title">Inspect a CID</h2>
      <TextField
        label="CID to inspect"
        value={text}
        onChange={(value) => {
          setText(value);
          setOnNode(null);
        }}
        placeholder="A CID in any base, /ipfs/…, ipfs://… or a gateway link"
        spellCheck={false}
      />
      {anatomy && 'error' in anatomy && (
        <p role="alert" className="error-text">
          {anatomy.error}
        </p>
      )}
      {anatomy && !('error' in anatomy) && (
        <>
          {anatomy.refused && (
            <p role="alert" className="error-text">
              {anatomy.refused}
            </p>
          )}
          <table className="facts" aria-label="CID anatomy">
            <tbody>
              <FactRow term="Version">CIDv{anatomy.version}</FactRow>
              <FactRow term="Multibase">{anatomy.multibase}</FactRow>
              <FactRow term="Codec">
                {anatomy.codec.name ?? 'not a known codec'} (0x{anatomy.codec.code.toString(16)})
              </FactRow>
              <FactRow term="Hash function">
                {anatomy.multihash.name ?? 'not a known hash function'} (0x{anatomy.multihash.code.toString(16)}),{' '}
                {anatomy.multihash.length} bytes
              </FactRow>
              <FactRow term="Digest">
                <code>{anatomy.multihash.digestHex}</code>
              </FactRow>
            </tbody>
          </table>
          <h3>Equivalent forms</h3>
          <table className="facts" aria-label="Equivalent forms">
            <tbody>
              {(
                [
                  ['CIDv0', anatomy.forms.v0],
                  ['CIDv1 base32', anatomy.forms.base32],
                  ['CIDv1 base36', anatomy.forms.base36],
                  ['CIDv1 base58btc', anatomy.forms.base58btc],
                ] as const
              ).map(([name, form]) => (
                <FactRow key={name} term={name}>
                  {form ? (
                    <>
                      <code>{form}</code> <CopyButton text={form} label={`Copy ${name}`} />
                    </>
                  ) : (
                    'none: only dag-pb with sha2-256 has a CIDv0'
                  )}
                </FactRow>
              ))}
            </tbody>
          </table>
          {cid && (
            <>
              <h3>Links</h3>
              <ul className="plain" aria-label="Links to this CID">
                {links.map(({ id, label, link }) => (
                  <li key={id}>
                    {label}:{' '}
                    {link.url === null ? (
                      link.note
                    ) : (
                      <>
                        <code>{link.url}</code> <CopyButton text={link.url} label={`Copy ${label} link`} />
                      </>
                    )}
                  </li>
                ))}
              </ul>
              <h3>On this node</h3>
              <PinBadge cid={cid} />
              <button type="button" onClick={() => void askNode(cid)} disabled={onNode === 'asking'}>
                Look it up on the node
              </button>
              <NodeAnswer answer={onNode} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function NodeAnswer({ answer }: { answer: NodeCidInfo | 'asking' | { error: string } | null }) {
  if (answer === null) return null;
  if (answer === 'asking') return <p role="status">Asking the node…</p>;
  if ('error' in answer) {
    return (
      <p role="alert" className="error-text">
        {answer.error}
      </p>
    );
  }
  if (!answer.has) return <p role="status">The node does not have this CID (it did not search the network).</p>;
  return (
    <div role="status" aria-label="On this node">
      <p>
        The node has it: {answer.type}, {answer.size === undefined ? 'size not known' : formatBytes(answer.size)},{' '}
        {answer.blocks === null ? 'some blocks missing locally' : plural(answer.blocks ?? 0, 'block')}
        {answer.childCount !== undefined ? `, ${plural(answer.childCount, 'entry', 'entries')}` : ''}.
      </p>
      {answer.children && (
        <ul className="plain" aria-label="Entries">
          {answer.children.map((child) => (
            <li key={child.name}>
              {child.folder ? '📁 ' : ''}
              <Name value={child.name} /> <code>{child.cid}</code>{' '}
              {child.size === null ? 'size not known' : formatBytes(child.size)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
