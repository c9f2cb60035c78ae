import { useState } from 'react';
import { PickButton } from '../../app/PickButton';
import { useAppStore } from '../../app/store';
import { ImportByCid, NewTextFile } from './AddForms';
import { FileBrowser } from './browser/FileBrowser';
import { uploadFiles, uploadPickedFolder } from './upload-actions';
import { UploadOptions } from './UploadOptions';
import { UploadQueue } from './UploadQueue';

type Form = 'text' | 'import' | null;

export function FilesView() {
  const node = useAppStore((state) => state.node);
  const showView = useAppStore((state) => state.showView);
  const [form, setForm] = useState<Form>(null);

  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title" tabIndex={-1}>
        Files
      </h1>
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
        <PickButton inputLabel="Files to add" multiple onPick={(files) => void uploadFiles(files)}>
          Add files
        </PickButton>
        <PickButton inputLabel="Folder to add" folder onPick={(files) => void uploadPickedFolder(files)}>
          Add folder
        </PickButton>
        <button type="button" onClick={() => setForm('text')}>
          New text file
        </button>
        <button type="button" onClick={() => setForm('import')}>
          Import by CID
        </button>
        <PickButton
          inputLabel="CAR file to import"
          accept=".car,application/vnd.ipld.car"
          onPick={(files) => void uploadFiles(files, true)}
        >
          Import CAR
        </PickButton>
      </div>
      {form === 'text' && <NewTextFile onDone={() => setForm(null)} />}
      {form === 'import' && <ImportByCid onDone={() => setForm(null)} />}
      <UploadOptions />
      <UploadQueue />
      <p className="hint">Drop files or folders anywhere on this window to add them to the folder open below.</p>
      <FileBrowser />
    </section>
  );
}
