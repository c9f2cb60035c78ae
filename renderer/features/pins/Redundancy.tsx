import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/store';

/**
 * How many copies of each CID exist where: this node and each service (from Cairn's tracked
 * requests), so what lives in one place only stands out. Sorted fewest copies first.
 */
export function Redundancy() {
  const { pins, requests, services } = useAppStore(
    useShallow((state) => ({
      pins: state.localPins,
      requests: state.pinRequests,
      services: state.settings?.pins.services ?? [],
    })),
  );
  const rows = useMemo(() => {
    const local = new Set(pins.filter((pin) => pin.type !== 'indirect').map((pin) => pin.cid));
    // CIDs with a remote request, plus local pins: the ones Cairn knows about.
    const byCid = new Map<string, Map<string, string>>();
    // The name it was last asked under, so a row says what the content is, not only its CID.
    const names = new Map<string, string>();
    for (const request of requests) {
      const states = byCid.get(request.cid) ?? new Map<string, string>();
      if (states.get(request.serviceId) !== 'pinned') states.set(request.serviceId, request.status);
      byCid.set(request.cid, states);
      if (request.name) names.set(request.cid, request.name);
    }
    return [...byCid.entries()]
      .map(([cid, states]) => {
        const copies = (local.has(cid) ? 1 : 0) + [...states.values()].filter((status) => status === 'pinned').length;
        return { cid, name: names.get(cid) ?? '', local: local.has(cid), states, copies };
      })
      .sort((a, b) => a.copies - b.copies);
  }, [pins, requests]);

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
          <tr key={row.cid} className={row.copies <= 1 ? 'single-copy' : undefined}>
            <td>
              {row.name && (
                <span className="clamped" title={row.name}>
                  {row.name}
                </span>
              )}
              <code title={row.cid}>{row.cid}</code>
            </td>
            <td>
              {row.copies}
              {row.copies === 0 && <span className="warning-text"> not pinned anywhere yet</span>}
              {row.copies === 1 && <span className="warning-text"> only one place</span>}
            </td>
            <td>{row.local ? 'pinned' : '—'}</td>
            {services.map((service) => (
              <td key={service.id}>{row.states.get(service.id) ?? '—'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
