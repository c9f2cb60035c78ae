import { EMBEDDED } from '../../../shared/settings-options';
import { useAppStore } from '../../app/store';
import { SelectField } from '../../app/SelectField';
import { switchNode } from './node-actions';

/** Embedded node or one of the remote profiles, switched without restarting the app. */
export function NodeSwitcher() {
  const profiles = useAppStore((state) => state.settings?.node.profiles);
  const active = useAppStore((state) => state.settings?.node.active ?? EMBEDDED);
  if (!profiles || profiles.length === 0) return null;
  return (
    <SelectField
      className="switcher"
      label="Connected node"
      value={active}
      options={[[EMBEDDED, 'Embedded Kubo node'], ...profiles.map((profile) => [profile.id, profile.name] as const)]}
      onChange={(target) => void switchNode(target)}
    />
  );
}
