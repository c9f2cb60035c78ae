import { CopyButton } from '../../app/CopyButton';
import { formatBytes } from '../../app/format';
import { shareContent } from '../share/share-actions';
import { cancelUpload, retryUpload } from './upload-actions';
import type { Upload } from './uploads-slice';

export function UploadRow({ upload }: { upload: Upload }) {
  const { id, name, size, bytesDone, state, cid, error } = upload;
  return (
    <li className={`upload upload-${state}`} aria-label={name}>
      <span className="upload-name">{name}</span>
      <span className="upload-size">{formatBytes(size)}</span>
      {state === 'adding' && (
        <>
          <progress aria-label={`Adding ${name}`} max={Math.max(size, 1)} value={Math.min(bytesDone, size)} />
          <button type="button" onClick={() => cancelUpload(id)}>
            Cancel<span className="visually-hidden"> adding {name}</span>
          </button>
        </>
      )}
      {state === 'added' && cid && (
        <>
          <code className="cid" aria-label={`CID of ${name}`}>
            {cid}
          </code>
          <CopyButton text={cid} label={`Copy CID of ${name}`} />
          <button type="button" onClick={() => shareContent(`ipfs://${cid}?filename=${encodeURIComponent(name)}`)}>
            Share<span className="visually-hidden"> {name}</span>
          </button>
        </>
      )}
      {(state === 'failed' || state === 'cancelled') && (
        <>
          <span className="upload-error">{state === 'failed' ? error : 'Cancelled'}</span>
          <button type="button" onClick={() => retryUpload(id)}>
            Retry<span className="visually-hidden"> {name}</span>
          </button>
        </>
      )}
    </li>
  );
}
