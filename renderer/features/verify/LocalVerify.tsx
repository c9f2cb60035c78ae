import { useShallow } from 'zustand/react/shallow';
import type { LocalVerification, OpProgress, TriedSettings, Undecided } from '../../../shared/ipc/contract';
import { kuboFlags } from '../../../shared/verify/import-settings';
import { formatBytes } from '../../app/format';
import { PickButton } from '../../app/PickButton';
import { TextField } from '../../app/TextField';
import { useAppStore } from '../../app/store';
import { ImportSettingsForm } from './ImportSettingsForm';
import { cancelOperation, choose, editVerifyCid, verifyChosen } from './verify-actions';
import { pickedDrop, pickedFile, pickedFolder } from './verify-source';
import { CheckField } from '../../ui/Field';

/** A file or folder on this machine and a CID: does the one have the other, and with which settings? */
export function LocalVerify() {
  const { chosen, cid, explicit, settings, check, patch } = useAppStore(
    useShallow((state) => ({
      chosen: state.verifyChosen,
      cid: state.verifyCid,
      explicit: state.verifyExplicit,
      settings: state.verifySettings,
      check: state.localCheck,
      patch: state.patchVerify,
    })),
  );
  const running = check.state === 'running';
  const comparing = check.stage === 'node-copy';

  return (
    <section aria-labelledby="local-title" className="verify-local">
      <h2 id="local-title">Check a file or folder against a CID</h2>
      <div
        className="verify-drop"
        role="group"
        aria-label="File or folder to check"
        // The window-wide drop adds files to IPFS; here a drop only chooses what to check.
        onDragEnter={(event) => event.stopPropagation()}
        onDragLeave={(event) => event.stopPropagation()}
        onDragOver={(event) => {
          event.stopPropagation();
          event.preventDefault();
        }}
        onDrop={(event) => {
          event.stopPropagation();
          event.preventDefault();
          const item = Array.from(event.dataTransfer.items).find((one) => one.kind === 'file');
          if (item) void pickedDrop(item).then((found) => found && choose(found));
        }}
      >
        <p>
          {chosen
            ? `${chosen.folder ? 'Folder' : 'File'}: ${chosen.name}${chosen.size ? `, ${formatBytes(chosen.size)}` : ''}`
            : 'Drop a file or folder here, or choose one.'}
        </p>
        <PickButton inputLabel="File to check" onPick={([file]) => file && void pickedFile(file).then(choose)}>
          Choose a file…
        </PickButton>{' '}
        <PickButton
          inputLabel="Folder to check"
          folder
          onPick={(files) => void pickedFolder(files).then((folder) => folder && choose(folder))}
        >
          Choose a folder…
        </PickButton>
      </div>
      <TextField
        label="Expected CID"
        value={cid}
        onChange={editVerifyCid}
        placeholder="A CID in any base, /ipfs/…, ipfs://… or a gateway link"
        spellCheck={false}
      />
      <CheckField
        label="Use my own import settings instead of trying the known ones"
        checked={explicit}
        onChange={(verifyExplicit) => patch({ verifyExplicit })}
      />
      {explicit && <ImportSettingsForm settings={settings} onChange={(verifySettings) => patch({ verifySettings })} />}
      <p>
        <button type="button" disabled={!chosen || !cid.trim() || running} onClick={() => void verifyChosen()}>
          Check against the CID
        </button>{' '}
        {running && (
          <button type="button" onClick={() => cancelOperation(check.opId)}>
            Cancel verification
          </button>
        )}
      </p>
      {running && (
        <p>
          {/* Only the step is live (the settings tried, the comparison): not each count of bytes. */}
          <span role="status" aria-label="Verification progress">
            {comparing
              ? "No settings tried give this CID: comparing with the node's copy… "
              : hashingWords(check.attempt)}
          </span>
          {formatBytes(check.bytes ?? 0)}
          {check.totalBytes ? ` of ${formatBytes(check.totalBytes)}` : ''}{' '}
          <progress
            aria-label={comparing ? 'Bytes compared' : 'Bytes hashed'}
            max={check.totalBytes ?? undefined}
            value={check.bytes ?? 0}
          />
        </p>
      )}
      {check.state === 'cancelled' && <p role="status">Verification cancelled.</p>}
      {check.state === 'failed' && (
        <p role="alert" className="error-text">
          {check.error}
        </p>
      )}
      {check.state === 'done' && check.result && <LocalResult result={check.result} />}
    </section>
  );
}

function LocalResult({ result }: { result: LocalVerification }) {
  if (result.outcome === 'match') {
    const { matched } = result;
    return (
      <div role="status" aria-label="Verification result" className="verify-result match">
        {matched ? (
          <>
            <p>
              <strong>Match.</strong> This content has the CID <code>{result.cid}</code>, imported with{' '}
              <strong>{matched.name}</strong>.
            </p>
            <p className="hint">
              Same as <code>ipfs add {kuboFlags(matched.settings)}</code>
            </p>
          </>
        ) : result.decidedBy === 'node-copy' ? (
          <p>
            <strong>Match.</strong> This content has the CID <code>{result.cid}</code>: the node's copy of it holds the
            same content, every block checked. It was imported with settings Cairn does not try.
          </p>
        ) : (
          <p>
            <strong>Match.</strong> This content has the CID <code>{result.cid}</code>: the CID is the hash of these
            very bytes, or holds them itself, and they were checked against it.
          </p>
        )}
      </div>
    );
  }
  return (
    <div role="status" aria-label="Verification result" className="verify-result no-match">
      {result.outcome === 'no-match' ? (
        <p>
          <strong>No match.</strong> This content does not have the CID <code>{result.cid}</code>: none of the settings
          tried gives it, and the content that CID names (the node's copy, or the bytes the CID itself hashes or holds)
          is other content.
        </p>
      ) : (
        <p>
          <strong>Cannot tell.</strong> None of the settings tried gives <code>{result.cid}</code> for this content,{' '}
          {undecidedWords[result.undecided ?? 'no-copy']}
        </p>
      )}
      <Tried tried={result.tried} />
      {result.skipped.length > 0 && (
        <ul className="plain" aria-label="Settings skipped">
          {result.skipped.map((skipped) => (
            <li key={skipped.name}>
              {skipped.name} skipped: {skipped.reason}.
            </li>
          ))}
        </ul>
      )}
      {result.differences && result.differences.length > 0 && (
        <table className="facts" aria-label="Entries that differ">
          <tbody>
            {result.differences.map((difference) => (
              <tr key={difference.path}>
                <th scope="row">{difference.path}</th>
                <td>
                  {difference.kind === 'differs' && 'differs from the expected entry'}
                  {difference.kind === 'missing' && 'expected, not on disk'}
                  {difference.kind === 'extra' && 'on disk, not expected'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.differencesNote && <p className="hint">{result.differencesNote}</p>}
    </div>
  );
}

/** Each set of settings reads everything again: which one is hashing, so the bar starting over is no surprise. */
function hashingWords(attempt: OpProgress['attempt']): string {
  if (!attempt) return 'Hashing… ';
  return `Hashing with ${attempt.name} (settings ${attempt.at} of ${attempt.of})… `;
}

const undecidedWords: Record<Undecided, string> = {
  'no-node':
    'and no node answers to compare with its copy: the content differs, or it was imported with other settings.',
  'no-copy':
    'and the node has no whole copy of it to compare with: the content differs, or it was imported with other settings.',
  metadata:
    "and the node's copy of it holds the same content but also keeps a file mode or modification time " +
    '(ipfs add --preserve-mode or --preserve-mtime), which Cairn does not compare with the disk.',
};

function Tried({ tried }: { tried: TriedSettings[] }) {
  return (
    <table className="facts" aria-label="Settings tried">
      <tbody>
        {tried.map((one) => (
          <tr key={one.name}>
            <th scope="row">{one.name}</th>
            <td>
              <code>{one.cid}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
