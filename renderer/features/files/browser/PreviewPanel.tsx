import { useEffect, useState } from 'react';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { previewKindOf, TEXT_PREVIEW_BYTES } from '../../../../shared/preview';
import { cairn } from '../../../app/api';
import { plainMessage } from '../../../app/failure';
import { formatBytes } from '../../../app/format';
import { revealName } from '../../../../shared/hidden-characters';
import { Name } from '../../../ui/Name';

/** The selected file, served by main from the node (never a public gateway); markup shows as text. */
export function PreviewPanel({ entry, onClose }: { entry: MfsEntry; onClose: () => void }) {
  const url = cairn().previewUrl(entry.cid, entry.name);
  const kind = previewKindOf(entry.name)?.kind ?? 'text';
  return (
    <aside className="preview" aria-label={`Preview of ${revealName(entry.name)}`}>
      <header>
        <h2>
          <Name value={entry.name} />
        </h2>
        <button type="button" onClick={onClose}>
          Close preview
        </button>
      </header>
      {kind === 'image' && <img src={url} alt={revealName(entry.name)} />}
      {kind === 'audio' && <audio src={url} controls aria-label={revealName(entry.name)} />}
      {kind === 'video' && <video src={url} controls aria-label={revealName(entry.name)} />}
      {kind === 'pdf' && <iframe src={url} title={revealName(entry.name)} />}
      {kind === 'text' && <TextPreview key={url} url={url} size={entry.size ?? 0} />}
    </aside>
  );
}

function TextPreview({ url, size }: { url: string; size: number }) {
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then(async (response) => {
        const body = await response.text();
        if (response.ok) setText(body);
        else setProblem(body);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(plainMessage(error));
      });
    return () => controller.abort();
  }, [url]);
  if (problem) return <p role="alert">No preview: {problem}</p>;
  if (text === null) return <p>Loading…</p>;
  return (
    <>
      {size > TEXT_PREVIEW_BYTES && (
        <p className="muted">
          The first {formatBytes(TEXT_PREVIEW_BYTES)} of {formatBytes(size)}.
        </p>
      )}
      <pre className="text-preview" aria-label="Text content" tabIndex={0}>
        {text}
      </pre>
    </>
  );
}
