import { useShallow } from 'zustand/react/shallow';
import type { RemoteVerification } from '../../../shared/ipc/contract';
import { formatBytes } from '../../app/format';
import { TextField } from '../../app/TextField';
import { useAppStore } from '../../app/store';
import { MoreDetails } from '../../ui/MoreDetails';
import { remoteWords } from './remote-words';
import { cancelOperation, checkSources, editRemoteCid, saveVerifiedCopy } from './verify-actions';

const OUTCOME_LABELS: Record<RemoteVerification['outcome'], string> = {
  verified: 'Verified',
  tampered: 'Tampered',
  truncated: 'Incomplete',
  malformed: 'Malformed',
  unordered: 'Other order',
  'wrong-type': 'Not the content',
  timeout: 'Timed out',
  'too-large': 'Sent too much',
  'rate-limited': 'Rate limited',
  unreachable: 'Unreachable',
  refused: 'Refused',
  redirected: 'Redirected',
  'not-found': 'Does not have it',
  unsupported: 'Cannot check',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/** "Which sources serve this CID correctly?": every block from each source checked against the CID. */
export function SourcesCheck() {
  const { cid, check, fetches } = useAppStore(
    useShallow((state) => ({
      cid: state.remoteCid,
      check: state.sourcesCheck,
      fetches: state.remoteFetches,
    })),
  );
  return (
    <section aria-labelledby="sources-title" className="verify-sources">
      <h2 id="sources-title">Which sources serve this CID correctly?</h2>
      <p className="hint">
        Each source is asked for every block, and each block is checked against its CID up to the root. Nothing a source
        sends is trusted before that; in offline mode only this machine is asked.
      </p>
      <TextField
        label="CID to fetch"
        value={cid}
        onChange={editRemoteCid}
        placeholder="A CID in any base, /ipfs/…, ipfs://… or a gateway link"
        spellCheck={false}
      />
      <p>
        <button type="button" disabled={!cid.trim() || check.state === 'running'} onClick={() => void checkSources()}>
          Check every source
        </button>{' '}
        {check.state === 'running' && (
          <button type="button" onClick={() => cancelOperation(check.opId)}>
            Cancel check
          </button>
        )}
      </p>
      {check.state === 'running' && <p role="status">Asking every source…</p>}
      {check.state === 'failed' && (
        <p role="alert" className="error-text">
          {check.error}
        </p>
      )}
      {check.state === 'cancelled' && <p role="status">Check cancelled.</p>}
      {check.result && (
        <ul className="plain sources" aria-label="Sources">
          {check.result.map((result) => {
            const saving = fetches[result.source];
            const words = remoteWords(result);
            return (
              <li key={result.source} aria-label={result.source} className={`source ${result.outcome}`}>
                <strong>{result.source}</strong>: {OUTCOME_LABELS[result.outcome]}. {words.sentence}
                {result.outcome === 'verified' && (!saving || saving.state !== 'running') && (
                  <>
                    {' '}
                    <button type="button" onClick={() => void saveVerifiedCopy(result.source, result.ref)}>
                      Save a verified copy from {result.source}
                    </button>
                  </>
                )}
                {saving && <Saving name={result.source} run={saving} />}
                <MoreDetails text={words.details} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Saving({
  name,
  run,
}: {
  name: string;
  run: ReturnType<typeof useAppStore.getState>['remoteFetches'][string];
}) {
  if (run.state === 'running') {
    return (
      <span>
        {' '}
        {/* Only the start is live: a count read out at each step would drown all else. */}
        <span role="status" aria-label={`Saving from ${name}`}>
          Fetching and checking…
        </span>{' '}
        {formatBytes(run.bytes ?? 0)}{' '}
        <button type="button" onClick={() => cancelOperation(run.opId)}>
          Cancel saving
        </button>
      </span>
    );
  }
  if (run.state === 'failed') return <span role="alert"> {run.error}</span>;
  if (run.state === 'cancelled') return <span role="status"> Saving cancelled; nothing was kept.</span>;
  const result = run.result;
  if (!result) return null;
  const { sentence } = remoteWords(result);
  return (
    <span role="status" aria-label={`Saved from ${name}`}>
      {' '}
      {result.savedAs
        ? `Verified and saved to ${result.savedAs}.`
        : result.outcome === 'verified'
          ? sentence
          : `${OUTCOME_LABELS[result.outcome]}: ${sentence} Nothing was kept.`}
    </span>
  );
}
