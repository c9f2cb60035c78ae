import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { nameProblem } from '../../../../shared/mfs-path';
import { TextField } from '../../../app/TextField';
import { makeFolder, removeEntry, renameEntry } from './browser-actions';
import { FormButtons } from '../../../app/FormButtons';

export type EntryDialogState =
  { kind: 'new-folder' } | { kind: 'rename'; entry: MfsEntry } | { kind: 'delete'; entry: MfsEntry } | null;

/** The modal for new folder, rename and delete; `onClose` when done or cancelled. */
export function EntryDialog({ state, onClose }: { state: NonNullable<EntryDialogState>; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby="entry-dialog-title" onClose={onClose} className="entry-dialog">
      {state.kind === 'delete' ? (
        <DeleteForm entry={state.entry} onClose={onClose} />
      ) : (
        <NameForm
          title={state.kind === 'rename' ? `Rename “${state.entry.name}”` : 'New folder'}
          initial={state.kind === 'rename' ? state.entry.name : ''}
          submitLabel={state.kind === 'rename' ? 'Rename' : 'Create folder'}
          submit={(name) => (state.kind === 'rename' ? renameEntry(state.entry, name) : makeFolder(name))}
          onClose={onClose}
        />
      )}
    </dialog>
  );
}

function NameForm({
  title,
  initial,
  submitLabel,
  submit,
  onClose,
}: {
  title: string;
  initial: string;
  submitLabel: string;
  submit: (name: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const problem = nameProblem(name);
  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (problem) return;
    setBusy(true);
    const done = await submit(name);
    setBusy(false);
    if (done) onClose();
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)}>
      <h2 id="entry-dialog-title">{title}</h2>
      <TextField label="Name" value={name} onChange={setName} autoFocus aria-invalid={problem !== null} />
      {problem && name !== '' && <p className="field-problem">{capitalized(problem)}.</p>}
      <div className="actions">
        <button type="submit" disabled={busy || problem !== null}>
          {submitLabel}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeleteForm({ entry, onClose }: { entry: MfsEntry; onClose: () => void }) {
  const [unpin, setUnpin] = useState(false);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onClose();
        void removeEntry(entry, unpin);
      }}
    >
      <h2 id="entry-dialog-title">Delete “{entry.name}”?</h2>
      <p>
        It leaves Files. Its content stays on this node while something pins it; unpinning lets the next garbage
        collection remove it.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={unpin} onChange={(event) => setUnpin(event.currentTarget.checked)} />
        Also unpin its CID
      </label>
      <FormButtons submit="Delete" onCancel={onClose} />
    </form>
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
