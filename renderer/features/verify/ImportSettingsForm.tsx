import type { ImportSettings } from '../../../shared/ipc/contract';
import { RECOMPUTED_HASHES } from '../../../shared/verify/hashes';
import { parseChunker, UNIXFS_V0_2015, UNIXFS_V1_2025 } from '../../../shared/verify/import-settings';
import { useState } from 'react';
import { SelectField } from '../../app/SelectField';
import { TextField } from '../../app/TextField';
import { CheckField } from '../../ui/Field';

/** The settings `ipfs add` takes, for a CID made with something other than the known profiles. */
export function ImportSettingsForm({
  settings,
  onChange,
}: {
  settings: ImportSettings;
  onChange: (settings: ImportSettings) => void;
}) {
  const [chunker, setChunker] = useState(chunkerText(settings.chunker));
  const [links, setLinks] = useState(String(settings.maxLinks));
  const linksError = validLinks(links) ? null : 'Links per node is a whole number from 2 to 8192.';
  const chunkerError = parseChunker(chunker) ? null : 'Write size-N (bytes) or rabin-min-avg-max.';
  const set = (patch: Partial<ImportSettings>) => onChange({ ...settings, ...patch });
  const startFrom = (profile: ImportSettings) => {
    onChange(profile);
    setChunker(chunkerText(profile.chunker));
    setLinks(String(profile.maxLinks));
  };
  return (
    <fieldset className="import-settings">
      <legend>Import settings</legend>
      <p>
        Start from{' '}
        <button type="button" onClick={() => startFrom(UNIXFS_V1_2025)}>
          unixfs-v1-2025
        </button>{' '}
        <button type="button" onClick={() => startFrom(UNIXFS_V0_2015)}>
          unixfs-v0-2015
        </button>
      </p>
      <SelectField
        label="CID version"
        value={String(settings.cidVersion) as '0' | '1'}
        options={[
          ['0', 'CIDv0'],
          ['1', 'CIDv1'],
        ]}
        onChange={(value) => set({ cidVersion: value === '1' ? 1 : 0 })}
      />
      <TextField
        label="Chunker"
        value={chunker}
        spellCheck={false}
        error={chunkerError ?? undefined}
        onChange={(value) => {
          setChunker(value);
          const parsed = parseChunker(value.trim());
          if (parsed) set({ chunker: parsed });
        }}
      />
      <SelectField
        label="Layout"
        value={settings.layout}
        options={[
          ['balanced', 'balanced'],
          ['trickle', 'trickle'],
        ]}
        onChange={(layout) => set({ layout })}
      />
      <TextField
        label="Links per node"
        type="number"
        min={2}
        max={8192}
        value={links}
        error={linksError ?? undefined}
        onChange={(value) => {
          setLinks(value);
          if (validLinks(value)) set({ maxLinks: Number(value) });
        }}
      />
      <SelectField
        label="Hash"
        value={settings.hash}
        options={RECOMPUTED_HASHES.map((hash) => [hash, hash] as const)}
        onChange={(hash) => set({ hash })}
      />
      <CheckField label="Raw leaves" checked={settings.rawLeaves} onChange={(rawLeaves) => set({ rawLeaves })} />
      <CheckField label="Wrapped in a folder" checked={settings.wrap} onChange={(wrap) => set({ wrap })} />
      <CheckField label="Hidden files included" checked={settings.hidden} onChange={(hidden) => set({ hidden })} />
    </fieldset>
  );
}

function chunkerText(chunker: ImportSettings['chunker']): string {
  return chunker.kind === 'size' ? `size-${chunker.size}` : `rabin-${chunker.min}-${chunker.avg}-${chunker.max}`;
}

function validLinks(text: string): boolean {
  const links = Number(text);
  return text.trim() !== '' && Number.isInteger(links) && links >= 2 && links <= 8192;
}
