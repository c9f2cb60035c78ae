import { useRef } from 'react';
import { useAppStore } from '../../app/store';
import { FileBrowser } from './browser/FileBrowser';
import { addFiles } from './upload-actions';
import { UploadRow } from './UploadRow';

export function FilesView() {
  const uploads = useAppStore((state) => state.uploads);
  const node = useAppStore((state) => state.node);
  const showView = useAppStore((state) => state.showView);
  const picker = useRef<HTMLInputElement>(null);

  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">Files</h1>
      {node && node.state !== 'running' && (
        <div className="problem" role="note">
          <p>
            The node is {node.state}
            {node.error ? `: ${node.error.message}` : '.'} Files can be added once it runs.
          </p>
          <button type="button" onClick={() => showView('node')}>
            Open the Node view
          </button>
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => picker.current?.click()}>
          Add files
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="Files to add"
          onChange={(event) => {
            addFiles(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
          }}
        />
      </div>
      {uploads.length === 0 ? (
        <div className="empty-state">
          <p>Drop files anywhere on this window, or choose them with Add files.</p>
          <p>Each file is added to your node, pinned, and given its CID.</p>
        </div>
      ) : (
        <ul className="uploads" aria-label="Added files">
          {uploads.map((upload) => (
            <UploadRow key={upload.id} upload={upload} />
          ))}
        </ul>
      )}
      <FileBrowser />
    </section>
  );
}
