import { useAppStore } from '../../app/store';
import { switchNode } from './node-actions';

/** Embedded node or one of the remote profiles, switched without restarting the app. */
export function NodeSwitcher() {
  const profiles = useAppStore((state) => state.settings?.node.profiles);
  const active = useAppStore((state) => state.settings?.node.active ?? 'embedded');
  if (!profiles || profiles.length === 0) return null;
  return (
    <label className="switcher">
      Connected node
      <select value={active} onChange={(event) => void switchNode(event.currentTarget.value)}>
        <option value="embedded">Embedded Kubo node</option>
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
          </option>
        ))}
      </select>
    </label>
  );
}
