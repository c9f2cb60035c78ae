import { useEffect, useState } from 'react';
import type { UploadPin } from '../../../shared/ipc/contract';
import { formatBytes } from '../../app/format';
import { useAppStore } from '../../app/store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { listUploadPins, unpinLocally } from './pins-actions';

/**
 * Pins that Cairn made for uploads (when every upload was pinned) of content Files keeps anyway:
 * offered for release, with what each one is and weighs; nothing is unpinned without asking.
 */
export function UploadPinCleanup() {
  const keepVersion = useAppStore((state) => state.keepVersion);
  const [pins, setPins] = useState<UploadPin[]>([]);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    let current = true;
    void listUploadPins().then((found) => current && setPins(found));
    return () => {
      current = false;
    };
  }, [keepVersion]);

  if (pins.length === 0) return null;
  const known = pins.reduce((sum, pin) => sum + (pin.size ?? 0), 0);
  const release = async () => {
    for (const pin of pins) await unpinLocally(pin.cid);
    setConfirming(false);
  };
  return (
    <section aria-labelledby="upload-pins-title" className="upload-pin-cleanup">
      <h2 id="upload-pins-title">Pins Files already keeps</h2>
      <p className="hint">
        Cairn pinned these uploads when it pinned every upload. Files keeps them now; their pins also keep these exact
        versions after they are edited or deleted in Files. Unpin them to let Files decide.
      </p>
      <ul aria-label="Upload pins Files keeps">
        {pins.map((pin) => (
          <li key={pin.cid} aria-label={pin.mfsPath}>
            {pin.mfsPath} · {pin.size === null ? 'size not known' : formatBytes(pin.size)}
          </li>
        ))}
      </ul>
      <Button onClick={() => setConfirming(true)}>Unpin these {pins.length}…</Button>
      <Dialog
        open={confirming}
        role="alertdialog"
        title={`Unpin ${pins.length} upload${pins.length === 1 ? '' : 's'}?`}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button onClick={() => setConfirming(false)}>Keep the pins</Button>
            <Button variant="danger" onClick={() => void release()}>
              Unpin
            </Button>
          </>
        }
      >
        <p>
          Files keeps them ({formatBytes(known)}) while they are there. Once unpinned, a version deleted or replaced in
          Files goes at the next garbage collection.
        </p>
      </Dialog>
    </section>
  );
}
