import { memo, useState } from 'react';
import { Link, ListX, Pin, RotateCcw, Share2, Signature, X } from 'lucide-react';
import type { UploadItem } from '../../../shared/ipc/contract';
import { parseContentRef } from '../../../shared/links/content-ref';
import { cairn } from '../../app/api';
import { CopyButton } from '../../app/CopyButton';
import { attempt } from '../../app/failure';
import { wordsFor } from '../../app/failure-words';
import { formatBytes, formatDuration } from '../../app/format';
import { useAppStore } from '../../app/store';
import { IconButton } from '../../ui/Button';
import { ActionMenu, ContextMenuArea, type MenuEntry } from '../../ui/Menu';
import { MoreDetails } from '../../ui/MoreDetails';
import { publishUnderName } from '../ipns/ipns-actions';
import { PinToServicesDialog } from '../pins/PinToServices';
import { shareContent } from '../share/share-actions';
import { linkToCopy, shareLinks } from '../share/share-links';
import { cancelUploads, clearUploads, retryUploads } from './upload-actions';
import { interruptedWords, uploadNoteWords } from './upload-note-words';
import { progressOf } from './upload-progress';
import { revealName } from '../../../shared/hidden-characters';
import { Name } from '../../ui/Name';

const retryable = (state: UploadItem['state']) =>
  state === 'failed' || state === 'cancelled' || state === 'interrupted';

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
 * One upload on one line (a second for progress, an error or a note): name, state, CID, Copy CID,
 * cancel or retry, and the rest in its "…" menu, which a right-click, or Shift+F10 on any of its
 * buttons, opens too. Memoized, and given only its upload: the store keeps an unchanged item's
 * object, so a change to one upload of thousands renders that row alone. Its place in the list is
 * its parent's: a new upload, listed first, moves every row down, and would render them all again.
 */
export const UploadRow = memo(function UploadRow({ upload, now }: { upload: UploadItem; now: number }) {
  const { id, state, result, error } = upload;
  // Labels carry the name with what it hides shown (⟨U+202E⟩), as the row does.
  const name = revealName(upload.name);
  // What was added and where, on one line: cut short where room is scarce, all of it on hover.
  const note = result
    ? `${formatBytes(result.size)} in ${revealName(result.path)}${result.notes.map((kind) => ` · ${uploadNoteWords(kind)}`).join('')}`
    : '';
  const [pinning, setPinning] = useState(false);
  const menu = useRowMenu(upload, () => setPinning(true));
  const row = (
    <div className="upload-body">
      <div className="upload-head">
        <Name value={upload.name} className="upload-name" />
        <span className="upload-state">{stateLabels[state]}</span>
        {result && (state === 'added' || state === 'duplicate') && (
          <>
            <code className="cid" aria-label={`CID of ${name}`} title={result.cid}>
              {result.cid}
            </code>
            <CopyButton text={result.cid} label={`Copy CID of ${name}`} caption="Copy CID" />
          </>
        )}
        {(state === 'queued' || state === 'adding') && (
          <IconButton icon={X} label={`Cancel adding ${name}`} onClick={() => cancelUploads([id])} />
        )}
        {retryable(state) && <IconButton icon={RotateCcw} label={`Retry ${name}`} onClick={() => retryUploads([id])} />}
        {menu.length > 0 && <ActionMenu label={`Actions for ${name}`} entries={menu} />}
      </div>
      {state === 'adding' && <UploadProgress upload={upload} now={now} />}
      {state === 'failed' && error && <UploadFailure error={error} />}
      {state === 'queued' && error && <UploadFailure error={error} retrying />}
      {state === 'interrupted' && <p className="upload-error">{interruptedWords(upload)}</p>}
      {result && (state === 'added' || state === 'duplicate') && (
        <p className="upload-note" title={note}>
          {note}
        </p>
      )}
      {result && (
        <PinToServicesDialog
          cids={[result.cid]}
          defaultName={upload.name}
          open={pinning}
          onClose={() => setPinning(false)}
        />
      )}
    </div>
  );
  return menu.length > 0 ? (
    <ContextMenuArea label={`Menu for ${name}`} entries={menu}>
      {row}
    </ContextMenuArea>
  ) : (
    row
  );
});

/**
 * Why an upload failed in plain words, main's own sentence behind Details; `retrying` for one back
 * in the queue after a failure it waits out (the node not answering), which main tries again.
 */
function UploadFailure({ error, retrying = false }: { error: NonNullable<UploadItem['error']>; retrying?: boolean }) {
  const { reason, details } = wordsFor(error);
  return (
    <div className="upload-error">
      <p>{retrying ? `${reason} Cairn tries again on its own.` : reason}</p>
      <MoreDetails text={details} />
    </div>
  );
}

/** What can be done with a landed upload, beyond copying its CID. */
function useRowMenu(upload: UploadItem, onPinToServices: () => void): MenuEntry[] {
  const share = useAppStore((state) => state.settings?.share);
  const localGateway = useAppStore((state) => state.node?.info?.gatewayUrl ?? null);
  const { name, result } = upload;
  // One that did not land is retried, or given up on: it leaves the list by its own hand.
  if (retryable(upload.state)) {
    return [{ label: 'Remove from the list', icon: ListX, onSelect: () => clearUploads([upload.id]) }];
  }
  if (!result || !(upload.state === 'added' || upload.state === 'duplicate')) return [];
  const content = contentOf(result.cid, name);
  // The default link, or the next that can be made, said so: the default's gateway may not serve it.
  const link = share ? linkToCopy(shareLinks(parseContentRef(content), share, localGateway)) : null;
  const copyLink = async (url: string, confirmation: string) => {
    await cairn().copyText(url);
    useAppStore.getState().notify('info', confirmation);
  };
  return [
    ...(link
      ? [
          {
            label: 'Copy link',
            icon: Link,
            onSelect: () => void attempt('Could not copy', () => copyLink(link.url, link.confirmation)),
          },
        ]
      : []),
    { label: 'Share', icon: Share2, onSelect: () => shareContent(content) },
    { label: 'Publish under a name', icon: Signature, onSelect: () => publishUnderName(result.path) },
    { label: 'Pin to services', icon: Pin, onSelect: onPinToServices },
  ];
}

function UploadProgress({ upload, now }: { upload: UploadItem; now: number }) {
  const { totalBytes, totalFiles } = upload;
  const name = revealName(upload.name);
  const progress = progressOf([upload], now);
  return (
    <div className="upload-progress">
      {/* Unmeasured yet, it has no value: a full bar would say done. */}
      {totalBytes === null ? (
        <progress aria-label={`Adding ${name}`} />
      ) : (
        <progress
          aria-label={`Adding ${name}`}
          max={Math.max(totalBytes, 1)}
          value={Math.min(progress.bytesDone, totalBytes)}
        />
      )}
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

/** Named for downloads; a folder's own links name the files inside it. */
function contentOf(cid: string, name: string): string {
  return `ipfs://${cid}?filename=${encodeURIComponent(name)}`;
}
