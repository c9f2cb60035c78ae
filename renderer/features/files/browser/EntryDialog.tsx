import { useState, type ReactNode } from 'react';
import type { MfsEntry } from '../../../../shared/ipc/contract';
import { deceptiveCharacters } from '../../../../shared/hidden-characters';
import { nameProblem } from '../../../../shared/mfs-path';
import { ErrorText, useAction } from '../../../app/use-action';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { makeFolder, removeEntries, renameEntry } from './browser-actions';
import { TextInput } from '../../../ui/TextInput';
import { Name } from '../../../ui/Name';

export type EntryDialogState =
  { kind: 'new-folder' } | { kind: 'rename'; entry: MfsEntry } | { kind: 'delete'; entries: MfsEntry[] } | null;

/** The modal for new folder, rename and delete; `onClose` when done or cancelled. */
export function EntryDialog({ state, onClose }: { state: NonNullable<EntryDialogState>; onClose: () => void }) {
  if (state.kind === 'delete') return <DeleteDialog entries={state.entries} onClose={onClose} />;
  return (
    <NameDialog
      title={
        state.kind === 'rename' ? (
          <>
            Rename “<Name value={state.entry.name} />”
          </>
        ) : (
          'New folder'
        )
      }
      initial={state.kind === 'rename' ? state.entry.name : ''}
      submitLabel={state.kind === 'rename' ? 'Rename' : 'Create folder'}
      submit={(name) => (state.kind === 'rename' ? renameEntry(state.entry, name) : makeFolder(name))}
      onClose={onClose}
    />
  );
}

function NameDialog({
  title,
  initial,
  submitLabel,
  submit,
  onClose,
}: {
  title: ReactNode;
  initial: string;
  submitLabel: string;
  submit: (name: string) => Promise<void>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initial);
  const action = useAction(['name']);
  const problem = nameProblem(name);
  const onSubmit = async () => {
    if (problem) return;
    if (await action.run(() => submit(name))) onClose();
  };
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      onSubmit={() => void onSubmit()}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={action.busy || problem !== null}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <Field
        label="Name"
        hint={
          // The field draws the name as the OS would; the hint shows what it hides, as it is typed.
          deceptiveCharacters(name).length > 0 ? (
            <>
              As it really is: <Name value={name} />. Its hidden characters make it read as another name.
            </>
          ) : undefined
        }
        error={problem && name !== '' ? `${capitalized(problem)}.` : action.errorAt('name')}
      >
        <TextInput value={name} onChange={setName} autoFocus />
      </Field>
      <ErrorText error={action.error} />
    </Dialog>
  );
}

function DeleteDialog({ entries, onClose }: { entries: MfsEntry[]; onClose: () => void }) {
  const [unpin, setUnpin] = useState(false);
  const only = entries.length === 1 ? entries[0] : undefined;
  const title = only ? (
    <>
      Delete “<Name value={only.name} />
      ”?
    </>
  ) : (
    `Delete ${entries.length} items?`
  );
  return (
    <Dialog
      open
      role="alertdialog"
      title={title}
      onClose={onClose}
      onSubmit={() => {
        onClose();
        void removeEntries(entries, unpin);
      }}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger">
            Delete
          </Button>
        </>
      }
    >
      <p>
        {only ? 'It leaves' : 'They leave'} Files. Content stays on this node while something pins it; unpinning lets
        the next garbage collection remove it.
      </p>
      <label className="field-check">
        <input type="checkbox" checked={unpin} onChange={(event) => setUnpin(event.currentTarget.checked)} />
        Also unpin {only ? 'its CID' : 'their CIDs'}
      </label>
    </Dialog>
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
