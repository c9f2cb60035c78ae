import type { UploadSettings } from '../../../shared/settings';
import type { SymlinkPolicy, UploadProfile } from '../../../shared/settings-options';
import { SelectField } from '../../app/SelectField';
import { useAppStore } from '../../app/store';
import { updateSettings } from '../settings/settings-actions';
import { CheckField } from '../../ui/Field';

const profileOptions: readonly (readonly [UploadProfile, string])[] = [
  ['node', "The node's import settings"],
  ['unixfs-v1-2025', 'unixfs-v1-2025 (CIDv1, 1 MiB chunks)'],
  ['unixfs-v0-2015', 'unixfs-v0-2015 (CIDv0, classic Kubo)'],
];

const symlinkOptions: readonly (readonly [SymlinkPolicy, string])[] = [
  ['preserve', 'Keep them as links (as ipfs add -r)'],
  ['follow', 'Add what they point to'],
  ['skip', 'Leave them out'],
];

/** How new uploads are made; kept in Settings, so the next session starts the same way. */
export function UploadOptions() {
  const uploads = useAppStore((state) => state.settings?.uploads);
  const services = useAppStore((state) => state.settings?.pins.services);
  if (!uploads || !services) return null;
  const change = (patch: Partial<UploadSettings>) => void updateSettings({ uploads: patch });
  return (
    <details className="upload-options">
      <summary>Upload options</summary>
      <SelectField
        label="Import profile"
        value={uploads.profile}
        options={profileOptions}
        onChange={(profile) => change({ profile })}
      />
      <CheckField
        label="Also pin on this node"
        hint="Files keeps uploads already; a pin keeps this version even after it is edited or deleted in Files."
        checked={uploads.pin}
        onChange={(pin) => change({ pin })}
      />
      <CheckField
        label="Include hidden files"
        hint="Names starting with a dot."
        checked={uploads.hidden}
        onChange={(hidden) => change({ hidden })}
      />
      <SelectField
        label="Symlinks in folders"
        value={uploads.symlinks}
        options={symlinkOptions}
        onChange={(symlinks) => change({ symlinks })}
      />
      <fieldset>
        <legend>Also ask these pinning services to pin each upload</legend>
        {services.length === 0 && <p className="hint">Add pinning services in Settings to choose them here.</p>}
        {services.map((service) => (
          <CheckField
            key={service.id}
            label={service.name}
            checked={uploads.pinServices.includes(service.id)}
            onChange={(on) => {
              const others = uploads.pinServices.filter((id) => id !== service.id);
              change({ pinServices: on ? [...others, service.id] : others });
            }}
          />
        ))}
      </fieldset>
    </details>
  );
}
