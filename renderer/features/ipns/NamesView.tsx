import { useEffect } from 'react';
import { useAppStore } from '../../app/store';
import { BoundFolders } from './BoundFolders';
import { loadKeys } from './ipns-actions';
import { KeysSection } from './KeysSection';
import { PublishForm } from './PublishForm';
import { ResolveName } from './ResolveName';

/** IPNS: names that keep their links while the content behind them changes. */
export function NamesView() {
  const keys = useAppStore((state) => state.ipnsKeys);
  const running = useAppStore((state) => state.node?.state === 'running');
  const offline = useAppStore((state) => state.node?.offline ?? false);
  useEffect(() => {
    if (running) void loadKeys();
  }, [running]);

  return (
    <section aria-labelledby="view-title" className="view share names">
      <h1 id="view-title">Names</h1>
      <p className="hint">
        Content on IPFS never changes: change a file and its CID changes. A name (IPNS) keeps one link and points it to
        the latest CID.
      </p>
      {offline && (
        <p className="problem" role="note">
          Offline mode: names are published on this node only. Their records have not reached the network, so other
          people cannot resolve them until Cairn publishes again with offline mode off. DNSLink names need DNS and are
          not resolved.
        </p>
      )}
      {!running && <p className="hint">The node is not running: names need it.</p>}
      {running && keys && (
        <>
          <KeysSection keys={keys} />
          <PublishForm keys={keys} />
          <BoundFolders keys={keys} />
        </>
      )}
      {running && <ResolveName />}
    </section>
  );
}
