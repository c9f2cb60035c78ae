import { memo, useState } from 'react';
import type { UploadItem } from '../../../shared/ipc/contract';
import { parseContentRef } from '../../../shared/links/content-ref';
import { CopyButton } from '../../app/CopyButton';
import { formatBytes, formatDuration } from '../../app/format';
import { useAppStore } from '../../app/store';
import { publishUnderName } from '../ipns/ipns-actions';
import { PinBadge } from '../pins/PinBadge';
import { PinToServicesDialog } from '../pins/PinToServices';
import { shareContent } from '../share/share-actions';
import { shareLinks } from '../share/share-links';
import { cancelUploads, retryUploads } from './upload-actions';
import { progressOf } from './upload-progress';

const stateLabels: Record<UploadItem['state'], string> = {
  queued: 'Waiting',
  adding: 'Adding',
  added: 'Added',
  duplicate: 'Already there',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/**
 * One upload. Memoized: the store keeps an unchanged item's object, so a change to one upload of
 * thousands renders that row alone.
 */
export const UploadRow = memo(function UploadRow({ upload, now }: { upload: UploadItem; now: number }) {
  const { id, name, state, result, error } = upload;
  return (
    <li className={`upload upload-${state}`} aria-label={name}>
      <div className="upload-head">
        <span className="upload-name">{name}</span>
        <span className="upload-state">{stateLabels[state]}</span>
        {(state === 'queued' || state === 'adding') && (
          <button type="button" onClick={() => cancelUploads([id])}>
            Cancel<span className="visually-hidden"> adding {name}</span>
          </button>
        )}
        {(state === 'failed' || state === 'cancelled' || state === 'interrupted') && (
          <button type="button" onClick={() => retryUploads([id])}>
            Retry<span className="visually-hidden"> {name}</span>
          </button>
        )}
      </div>
      {state === 'adding' && <UploadProgress upload={upload} now={now} />}
      {state === 'failed' && error && <p className="upload-error">{error.message}</p>}
      {state === 'interrupted' && (
        <p className="upload-error">Cairn stopped before this upload finished. Nothing of it is in Files yet.</p>
      )}
      {result && (state === 'added' || state === 'duplicate') && <UploadResult name={name} result={result} />}
    </li>
  );
});

function UploadProgress({ upload, now }: { upload: UploadItem; now: number }) {
  const { name, totalBytes, totalFiles } = upload;
  const progress = progressOf([upload], now);
  return (
    <div className="upload-progress">
      <progress aria-label={`Adding ${name}`} max={Math.max(totalBytes ?? 0, 1)} value={progress.bytesDone} />
      <span>
        {formatBytes(progress.bytesDone)}
        {totalBytes !== null && ` of ${formatBytes(totalBytes)}`}
        {totalFiles !== null && totalFiles > 1 && `, ${progress.filesDone} of ${totalFiles} files`}
        {progress.rate !== null && `, ${formatBytes(progress.rate)}/s`}
        {progress.secondsLeft !== null && `, ${formatDuration(progress.secondsLeft)} left`}
      </span>
    </div>
  );
}

function UploadResult({ name, result }: { name: string; result: NonNullable<UploadItem['result']> }) {
  const [pinning, setPinning] = useState(false);
  return (
    <div className="upload-result">
      <code className="cid" aria-label={`CID of ${name}`}>
        {result.cid}
      </code>
      <span>
        {formatBytes(result.size)} in {result.path}
      </span>
      <CopyButton text={result.cid} label={`Copy CID of ${name}`} caption="Copy CID" />
      <CopyDefaultLink content={contentOf(result.cid, name)} name={name} />
      <button type="button" onClick={() => shareContent(contentOf(result.cid, name))}>
        Share<span className="visually-hidden"> {name}</span>
      </button>
      <button type="button" onClick={() => publishUnderName(result.path)}>
        Publish under a name<span className="visually-hidden"> ({name})</span>
      </button>
      <button type="button" onClick={() => setPinning(true)}>
        Pin to services<span className="visually-hidden"> ({name})</span>
      </button>
      <PinBadge cid={result.cid} />
      <PinToServicesDialog cids={[result.cid]} defaultName={name} open={pinning} onClose={() => setPinning(false)} />
      {result.notes.map((note) => (
        <p key={note} className="upload-note">
          {note}
        </p>
      ))}
    </div>
  );
}

/** Named for downloads; a folder's own links name the files inside it. */
function contentOf(cid: string, name: string): string {
  return `ipfs://${cid}?filename=${encodeURIComponent(name)}`;
}

/** The link of the kind and gateway chosen in Settings, in one click. */
function CopyDefaultLink({ content, name }: { content: string; name: string }) {
  const share = useAppStore((state) => state.settings?.share);
  const localGateway = useAppStore((state) => state.node?.info?.gatewayUrl ?? null);
  const link = share ? shareLinks(parseContentRef(content), share, localGateway)[0] : undefined;
  if (!link) return null;
  return <CopyButton text={link.link.url} label={`Copy link to ${name}`} caption="Copy link" />;
}
