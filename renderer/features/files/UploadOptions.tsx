import type { UploadSettings } from '../../../shared/settings';
import type { SymlinkPolicy, UploadProfile } from '../../../shared/settings-options';
import { SelectField } from '../../app/SelectField';
import { useAppStore } from '../../app/store';
import { updateSettings } from '../settings/settings-actions';

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
      <label>
        <input
          type="checkbox"
          checked={uploads.pin}
          onChange={(event) => change({ pin: event.currentTarget.checked })}
        />
        Also pin on this node (Files keeps uploads already; a pin keeps this version even after it is edited or deleted
        in Files)
      </label>
      <label>
        <input
          type="checkbox"
          checked={uploads.hidden}
          onChange={(event) => change({ hidden: event.currentTarget.checked })}
        />
        Include hidden files (names starting with a dot)
      </label>
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
          <label key={service.id}>
            <input
              type="checkbox"
              checked={uploads.pinServices.includes(service.id)}
              onChange={(event) => {
                const others = uploads.pinServices.filter((id) => id !== service.id);
                change({ pinServices: event.currentTarget.checked ? [...others, service.id] : others });
              }}
            />
            {service.name}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
