import { useRef, useState } from 'react';
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
  const filePicker = useRef<HTMLInputElement>(null);
  const folderPicker = useRef<HTMLInputElement>(null);
  const carPicker = useRef<HTMLInputElement>(null);
  const [form, setForm] = useState<Form>(null);

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
        <button type="button" onClick={() => filePicker.current?.click()}>
          Add files
        </button>
        <button type="button" onClick={() => folderPicker.current?.click()}>
          Add folder
        </button>
        <button type="button" onClick={() => setForm('text')}>
          New text file
        </button>
        <button type="button" onClick={() => setForm('import')}>
          Import by CID
        </button>
        <button type="button" onClick={() => carPicker.current?.click()}>
          Import CAR
        </button>
        <input
          ref={filePicker}
          type="file"
          multiple
          hidden
          aria-label="Files to add"
          onChange={(event) => {
            void uploadFiles(Array.from(event.currentTarget.files ?? []));
            event.currentTarget.value = '';
          }}
        />
        <input
          ref={folderPicker}
          type="file"
          hidden
          aria-label="Folder to add"
          {...{ webkitdirectory: '' }}
          onChange={(event) => {
            const files = event.currentTarget.files;
            if (files) void uploadPickedFolder(files);
            event.currentTarget.value = '';
          }}
        />
        <input
          ref={carPicker}
          type="file"
          accept=".car,application/vnd.ipld.car"
          hidden
          aria-label="CAR file to import"
          onChange={(event) => {
            void uploadFiles(Array.from(event.currentTarget.files ?? []), true);
            event.currentTarget.value = '';
          }}
        />
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
