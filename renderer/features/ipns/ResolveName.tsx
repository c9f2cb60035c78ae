import { useState, type SubmitEvent } from 'react';
import type { ResolvedName } from '../../../shared/ipc/contract';
import { call } from '../../app/api';
import { useAppStore } from '../../app/store';
import { TextField } from '../../app/TextField';
import { ShareLinkList, useShareLinks } from '../share/ShareLinkList';
import { ErrorText, useAction } from '../../app/use-action';

/** Paste a name in any form, see what it points to now, and copy that content into Files. */
export function ResolveName() {
  const [input, setInput] = useState('');
  // With the text it was asked for: what the field holds since is not what is shown, nor what is imported.
  const [resolved, setResolved] = useState<{ input: string; answer: ResolvedName } | null>(null);
  const resolving = useAction(['input']);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setResolved(null);
    void resolving.run(async () => setResolved({ input, answer: await call('ipns.resolve', { input }) }));
  };
  return (
    <section aria-labelledby="resolve-title" className="settings-section">
      <h2 id="resolve-title">Resolve a name</h2>
      <form className="paths" aria-label="Resolve a name" onSubmit={submit}>
        <TextField
          label="IPNS name"
          // What main's ipnsRef takes; a CID it refuses, pointing to Share.
          hint="A key (k51…, 12D3KooW…), a DNSLink domain (example.org), /ipns/…, ipns://… or a gateway link to one. Not a CID or /ipfs/ path: that content never changes, open it in Share."
          value={input}
          onChange={setInput}
          placeholder="k51…, example.org or ipns://…"
          spellCheck={false}
          required
          error={resolving.errorAt('input')}
        />
        <button type="submit" disabled={resolving.busy}>
          {resolving.busy ? 'Resolving…' : 'Resolve'}
        </button>
        <ErrorText error={resolving.error} />
      </form>
      {resolved && <Resolved input={resolved.input} resolved={resolved.answer} />}
    </section>
  );
}

function Resolved({ input, resolved }: { input: string; resolved: ResolvedName }) {
  const [fileName, setFileName] = useState(resolved.name.slice(0, 20));
  const importing = useAction(['fileName']);
  const notify = useAppStore((state) => state.notify);
  const links = useShareLinks({ namespace: 'ipns', name: resolved.name, path: resolved.inside });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void importing.run(async () => {
      // What main copied, which a record published since the name was resolved may have changed.
      const { mfsPath, cid } = await call('ipns.importToFiles', { input, fileName });
      notify('info', `Copied ${cid} into Files as ${mfsPath}.`);
    });
  };
  return (
    <div aria-label="Resolved name" role="group">
      <p role="status">
        {resolved.name} points to <code>{resolved.path}</code> now.
      </p>
      <ShareLinkList links={links} label={`Links for ${[resolved.name, ...resolved.inside].join('/')}`} />
      <form className="paths" aria-label="Import into Files" onSubmit={submit}>
        <TextField
          label="Name in Files"
          value={fileName}
          onChange={setFileName}
          required
          error={importing.errorAt('fileName')}
        />
        <button type="submit" disabled={importing.busy}>
          Import into Files
        </button>
        <ErrorText error={importing.error} />
      </form>
    </div>
  );
}
