import { CloudUpload, Pin } from 'lucide-react';
import { presetInfo, servicePresets } from '../../../shared/pins/presets';
import { useAppStore } from '../../app/store';
import { Button } from '../../ui/Button';

/** No pin on this node yet: what a pin is for, and how to make one. */
export function NoLocalPins() {
  return (
    <div className="empty-state teaching">
      <Pin className="icon empty-icon" aria-hidden />
      <p>
        <strong>No pins on this node yet.</strong>
      </p>
      <p>
        What is in Files is kept without one. A pin keeps content that is not in Files (a CID someone sent you, an old
        version you want to keep) through every garbage collection.
      </p>
      <p>
        To pin, paste a CID, an <code>ipfs://</code> link or a Files path above and choose <strong>Pin</strong>.
      </p>
    </div>
  );
}

const providers = servicePresets
  .filter((preset) => preset !== 'custom')
  .map((preset) => presetInfo[preset].label)
  .join(', ');

/** No pinning service yet: what one is for, and how to add one (from Settings, or right here there). */
export function NoServices({ inSettings = false }: { inSettings?: boolean }) {
  const showView = useAppStore((state) => state.showView);
  return (
    <div className="empty-state teaching">
      <CloudUpload className="icon empty-icon" aria-hidden />
      <p>
        <strong>No pinning service yet.</strong>
      </p>
      <p>
        A pinning service keeps copies of your content online while this computer is off, so links keep working. Any
        service that speaks the IPFS Pinning Service API will do: {providers}, or your own.
      </p>
      <p>
        To add one, have its API endpoint and an access token from your account at hand, then choose{' '}
        <strong>Add a pinning service</strong>
        {inSettings ? ' below.' : ' in Settings.'}
      </p>
      {!inSettings && (
        <div className="actions">
          <Button onClick={() => showView('settings')}>Open Settings</Button>
        </div>
      )}
    </div>
  );
}
