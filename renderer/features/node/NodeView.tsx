import { useEffect, type ReactNode } from 'react';
import { formatBytes } from '../../app/format';
import { useAppStore } from '../../app/store';
import { refreshNode, restartNode } from './node-actions';

export function NodeView() {
  const node = useAppStore((state) => state.node);
  useEffect(() => void refreshNode(), []);

  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">Node</h1>
      {!node && <p>Asking the node for its status…</p>}
      {node && (
        <>
          <p>
            {node.target.kind === 'embedded' ? 'Embedded Kubo node' : `Remote node ${node.target.name}`}, {node.state}
            {node.offline ? ', offline and loopback-only' : ''}.
          </p>
          {node.error && (
            <p className="error-text" role="alert">
              {node.error.message}
            </p>
          )}
          {node.info && (
            <table className="facts" aria-label="Node facts">
              <tbody>
                <Fact term="Peer ID">
                  <code>{node.info.peerId}</code>
                </Fact>
                <Fact term="Kubo version">{node.info.kuboVersion}</Fact>
                <Fact term="Repo size">{formatBytes(node.info.repoSizeBytes)}</Fact>
                <Fact term="RPC API">
                  <code>{node.info.apiUrl}</code>
                </Fact>
                {node.info.binary && (
                  <Fact term="Binary">
                    <code>{node.info.binary.path}</code> (from {node.info.binary.source}, process {node.info.binary.pid}
                    )
                  </Fact>
                )}
              </tbody>
            </table>
          )}
          <div className="actions">
            <button type="button" onClick={() => void refreshNode()}>
              Refresh
            </button>
            <button type="button" onClick={() => void restartNode()} disabled={node.state === 'starting'}>
              Restart node
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** One row of the facts table: the name as a row header, so the row is found by it. */
function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{term}</th>
      <td>{children}</td>
    </tr>
  );
}
