import { useState, type SyntheticEvent } from 'react';
import { FormButtons } from '../../app/FormButtons';
import { TextField } from '../../app/TextField';
import { useFieldFaults } from '../../app/field-faults';
import { importContent, uploadText } from './upload-actions';
import { Field } from '../../ui/Field';

/** The seed's "add a string": a name and its content become a new file. */
export function NewTextFile({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('note.txt');
  const [text, setText] = useState('');
  const faults = useFieldFaults(['name']);
  const [sending, setSending] = useState(false);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    faults.show(null);
    setSending(true);
    const queued = await uploadText(name.trim(), text, faults.show);
    setSending(false);
    if (queued) onDone();
  };
  const invalid = name.trim() === '' || name.includes('/');
  return (
    <form className="add-form" aria-label="New text file" onSubmit={(event) => void submit(event)}>
      <TextField
        label="File name"
        value={name}
        onChange={setName}
        required
        maxLength={255}
        error={invalid ? 'A file name without slashes is needed.' : faults.at('name')}
      />
      <Field label="Content">
        <textarea value={text} onChange={(event) => setText(event.currentTarget.value)} rows={6} />
      </Field>
      <FormButtons submit="Add text file" submitDisabled={invalid || sending} onCancel={onDone} />
    </form>
  );
}

/** Content already on IPFS, linked into Files by reference: nothing is downloaded in full. */
export function ImportByCid({ onDone }: { onDone: () => void }) {
  const [ref, setRef] = useState('');
  const [name, setName] = useState('');
  const faults = useFieldFaults(['ref', 'name']);
  const [sending, setSending] = useState(false);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    faults.show(null);
    setSending(true);
    const queued = await importContent(ref.trim(), name.trim() || undefined, faults.show);
    setSending(false);
    if (queued) onDone();
  };
  return (
    <form className="add-form" aria-label="Import by CID" onSubmit={(event) => void submit(event)}>
      <TextField
        label="CID, /ipfs/ path or ipfs:// link"
        value={ref}
        onChange={setRef}
        required
        placeholder="bafy… or ipfs://bafy…/file.txt"
        error={faults.at('ref')}
      />
      <TextField
        label="Name in Files"
        hint="Optional: without one, the name in the link, or else the CID, is used."
        value={name}
        onChange={setName}
        maxLength={255}
        error={faults.at('name')}
      />
      <FormButtons submit="Import" submitDisabled={ref.trim() === '' || sending} onCancel={onDone} />
    </form>
  );
}
