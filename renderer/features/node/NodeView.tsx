import { CopyButton } from '../../app/CopyButton';
import { FactRow } from '../../app/FactRow';
import { formatBytes } from '../../app/format';
import { useAppStore } from '../../app/store';
import { GarbageCollection } from './GarbageCollection';
import { NodeProblem } from './NodeProblem';
import { NodeSwitcher } from './NodeSwitcher';
import { NodeTraffic } from './NodeTraffic';
import { movedPortNote } from './moved-ports';
import { restartNode } from './node-actions';
import { MoreDetails } from '../../ui/MoreDetails';
import { noteWords } from './node-note-words';

export function NodeView() {
  const node = useAppStore((state) => state.node);
  if (!node) {
    return (
      <section aria-labelledby="view-title" className="view">
        <h1 id="view-title">Node</h1>
        <p>Asking the node for its status…</p>
      </section>
    );
  }
  const { info } = node;
  const done = [...node.movedPorts.map(movedPortNote), ...node.notes.map(noteWords)];
  const name = node.target.kind === 'embedded' ? 'Embedded Kubo node' : `Remote node “${node.target.name}”`;

  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">Node</h1>
      <NodeSwitcher />
      <p>
        {name}: {node.state}
        {node.offline && node.target.kind === 'embedded' ? ', offline and loopback-only' : ''}.
      </p>
      <NodeProblem node={node} />
      {done.length > 0 && (
        <section aria-label="What Cairn did" className="notes">
          <h2>What Cairn did</h2>
          <ul>
            {done.map(({ sentence, details }) => (
              <li key={sentence}>
                {sentence}
                <MoreDetails text={details} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {info && (
        <table className="facts" aria-label="Node facts">
          <tbody>
            <FactRow term="Peer ID">
              <code>{info.peerId}</code> <CopyButton text={info.peerId} label="Copy peer ID" />
            </FactRow>
            <FactRow term="Kubo version">{info.kuboVersion}</FactRow>
            <FactRow term="Agent">{info.agentVersion}</FactRow>
            <FactRow term="RPC API">
              <code>{info.apiUrl}</code>
            </FactRow>
            {info.repoPath && (
              <FactRow term="Repo">
                <code>{info.repoPath}</code>
              </FactRow>
            )}
            {info.binary && (
              <FactRow term="Binary">
                <code>{info.binary.path}</code> (Kubo {info.binary.version}, from {info.binary.source},{' '}
                {info.binary.pid === null ? 'a daemon Cairn did not start' : `process ${info.binary.pid}`})
              </FactRow>
            )}
            <FactRow term="Repo size">
              {formatBytes(info.repoSizeBytes)} of {formatBytes(info.storageMaxBytes)}{' '}
              <meter
                aria-label="Repo size against its storage limit"
                min={0}
                max={Math.max(info.storageMaxBytes, 1)}
                value={info.repoSizeBytes}
                high={info.storageMaxBytes * 0.9}
              />
            </FactRow>
            <FactRow term="Addresses">
              {info.addresses.length === 0 ? (
                'none (offline)'
              ) : (
                <ul className="plain">
                  {info.addresses.map((address) => (
                    <li key={address}>
                      <code>{address}</code>
                    </li>
                  ))}
                </ul>
              )}
            </FactRow>
          </tbody>
        </table>
      )}
      {node.state === 'running' && <NodeTraffic offline={node.offline} />}
      <div className="actions">
        <button
          type="button"
          onClick={() => void restartNode()}
          disabled={node.state === 'starting' || node.state === 'stopping'}
        >
          Restart node
        </button>
        {node.state === 'running' && <GarbageCollection />}
      </div>
    </section>
  );
}
