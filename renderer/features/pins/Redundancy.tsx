import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Kept, NodeKeep } from '../../../shared/ipc/contract';
import { reportFailure } from '../../app/failure';
import { useAppStore } from '../../app/store';
import { requestedContent } from './copies';
import { confirmed, nodeKeepLabels, remoteStateLabel, withMissing, type RemoteState } from './pin-labels';
import { keptOnNode } from './pins-actions';
import { Name } from '../../ui/Name';

/** What keeps each CID on this node, as main's keep service answered; 'failed' when it could not be read. */
type OnNode = Record<string, Kept<NodeKeep>> | 'failed';

/**
 * How many copies of each CID exist where: this node (whatever keeps it there, in any CID form, as
 * the keep service answers) and each service (from Cairn's tracked requests), so what lives in one
 * place only stands out. Sorted fewest copies first.
 */
export function Redundancy() {
  const { requests, services, keepVersion } = useAppStore(
    useShallow((state) => ({
      requests: state.pinRequests,
      services: state.settings?.pins.services ?? [],
      keepVersion: state.keepVersion,
    })),
  );
  // Content with a remote request: what Cairn knows about, one row whatever form its CID was asked in.
  const requested = useMemo(() => requestedContent(requests), [requests]);
  // This node is asked by one form of each: the keep service answers by multihash.
  const cids = useMemo(() => [...requested.values()].map((content) => content.cids[0] ?? ''), [requested]);
  // A request changing state leaves the same CIDs: only new CIDs or a keep change ask main again.
  const cidsKey = cids.join(' ');
  const [onNode, setOnNode] = useState<OnNode>({});
  useEffect(() => {
    if (cids.length === 0) return;
    let current = true;
    keptOnNode(cids).then(
      (answer) => current && setOnNode(answer),
      (error: unknown) => {
        if (!current) return;
        setOnNode('failed');
        reportFailure('Could not read what keeps this content on this node', error);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `cidsKey` stands for `cids`
  }, [cidsKey, keepVersion]);

  const rows = useMemo(
    () =>
      [...requested.values()]
        .map(({ cids: [cid = '', ...otherForms], name, states }) => {
          // undefined: not known yet (or not readable), so neither counted nor warned about.
          const local = onNode === 'failed' ? undefined : onNode[cid];
          const pins = [...states.values()].filter((state) => state.status === 'pinned');
          // Files keeps content against garbage collection on this node as a pin does: it is a copy, when
          // the node has all of it. A pin the service has not confirmed since a restart, or could not be
          // asked about, is no sure copy.
          const copies = pins.filter(confirmed).length + (local?.keep && local.missing === 0 ? 1 : 0);
          const inDoubt = pins.length - pins.filter(confirmed).length;
          return { cid, otherForms, name, local, states, copies, inDoubt };
        })
        .sort((a, b) => a.copies - b.copies),
    [requested, onNode],
  );

  if (rows.length === 0) {
    return <p className="hint">Pin something to a service to see where its copies live.</p>;
  }
  return (
    <table className="redundancy" aria-label="Copies per CID">
      <thead>
        <tr>
          <th scope="col" className="redundancy-col-content">
            Content
          </th>
          <th scope="col">Copies</th>
          <th scope="col">This node</th>
          {services.map((service) => (
            <th scope="col" key={service.id}>
              <span className="clamped" title={service.name}>
                {service.name}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.cid} className={row.local !== undefined && row.copies <= 1 ? 'single-copy' : undefined}>
            <td>
              {row.name && <Name value={row.name} className="clamped" />}
              <code title={[row.cid, ...row.otherForms].join('\n')}>{row.cid}</code>
              {row.otherForms.length > 0 && (
                <span className="hint">
                  {' '}
                  also asked as{' '}
                  {row.otherForms.length === 1 ? 'another CID form' : `${row.otherForms.length} other CID forms`}
                </span>
              )}
            </td>
            <td>
              {row.copies}
              {row.inDoubt > 0 && <span className="hint"> and {row.inDoubt} not confirmed</span>}
              {row.local !== undefined && row.inDoubt === 0 && row.copies === 0 && (
                <span className="warning-text">
                  {row.local.keep ? ' no whole copy anywhere' : ' not pinned anywhere yet'}
                </span>
              )}
              {row.local !== undefined && row.inDoubt === 0 && row.copies === 1 && (
                <span className="warning-text"> only one place</span>
              )}
            </td>
            <td>{nodeCell(row.local, onNode === 'failed')}</td>
            {services.map((service) => (
              <td key={service.id}>{serviceCell(row.states.get(service.id))}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function nodeCell(local: Kept<NodeKeep> | undefined, failed: boolean): string {
  if (local === undefined) return failed ? 'not known' : 'checking…';
  return local.keep ? withMissing(nodeKeepLabels[local.keep], local.missing) : '—';
}

function serviceCell(state: RemoteState | undefined): string {
  return state ? remoteStateLabel(state) : '—';
}
