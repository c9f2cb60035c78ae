import { CopyButton } from '../../app/CopyButton';
import { formatBytes } from '../../app/format';
import { parseContentRef } from '../../../shared/links/content-ref';
import { useAppStore } from '../../app/store';
import { shareContent } from '../share/share-actions';
import { shareLinks } from '../share/share-links';
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
          <CopyDefaultLink content={fileRef(cid, name)} name={name} />
          <button type="button" onClick={() => shareContent(fileRef(cid, name))}>
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

/** A single file, named for downloads. */
function fileRef(cid: string, name: string): string {
  return `ipfs://${cid}?filename=${encodeURIComponent(name)}`;
}

/** The link of the kind and gateway chosen in Settings, in one click. */
function CopyDefaultLink({ content, name }: { content: string; name: string }) {
  const share = useAppStore((state) => state.settings?.share);
  const localGateway = useAppStore((state) => state.node?.info?.gatewayUrl ?? null);
  const link = share ? shareLinks(parseContentRef(content), share, localGateway)[0] : undefined;
  if (!link) return null;
  return <CopyButton text={link.link.url} label={`Copy link to ${name}`} />;
}
