import { useState } from 'react';
import { cairn, messageOf } from '../../app/api';
import { formatBytes } from '../../app/format';
import { useAppStore } from '../../app/store';
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

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const notify = useAppStore((state) => state.notify);
  const copy = async () => {
    try {
      await cairn().copyText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (failure) {
      notify('error', `Could not copy: ${messageOf(failure)}`);
    }
  };
  return (
    <button type="button" aria-label={label} onClick={() => void copy()}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
