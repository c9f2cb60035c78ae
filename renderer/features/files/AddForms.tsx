import { useState, type SyntheticEvent } from 'react';
import { FormButtons } from '../../app/FormButtons';
import { TextField } from '../../app/TextField';
import { importContent, uploadText } from './upload-actions';

/** The seed's "add a string": a name and its content become a new file. */
export function NewTextFile({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('note.txt');
  const [text, setText] = useState('');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void uploadText(name.trim(), text);
    onDone();
  };
  const invalid = name.trim() === '' || name.includes('/');
  return (
    <form className="add-form" aria-label="New text file" onSubmit={submit}>
      <TextField label="File name" value={name} onChange={setName} required maxLength={255} />
      <label>
        Content
        <textarea value={text} onChange={(event) => setText(event.currentTarget.value)} rows={6} />
      </label>
      {invalid && <p className="field-error">A file name without slashes is needed.</p>}
      <FormButtons submit="Add text file" submitDisabled={invalid} onCancel={onDone} />
    </form>
  );
}

/** Content already on IPFS, linked into Files by reference: nothing is downloaded in full. */
export function ImportByCid({ onDone }: { onDone: () => void }) {
  const [ref, setRef] = useState('');
  const [name, setName] = useState('');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void importContent(ref.trim(), name.trim() || undefined);
    onDone();
  };
  return (
    <form className="add-form" aria-label="Import by CID" onSubmit={submit}>
      <TextField
        label="CID, /ipfs/ path or ipfs:// link"
        value={ref}
        onChange={setRef}
        required
        placeholder="bafy… or ipfs://bafy…/file.txt"
      />
      <TextField label="Name in Files (optional)" value={name} onChange={setName} maxLength={255} />
      <FormButtons submit="Import" submitDisabled={ref.trim() === ''} onCancel={onDone} />
    </form>
  );
}
