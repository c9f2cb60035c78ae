import { useEffect, useState } from 'react';
import { useAppStore } from '../../app/store';
import { uploadDropped } from './upload-actions';

/**
 * Files dropped anywhere on the window are added, and the Files view shows them coming in; a clear
 * target shows while something is dragged over. The Verify view takes drops for itself: there,
 * nothing is uploaded (and the browser never opens the file in place of the app).
 */
export function DropTarget() {
  const [dragging, setDragging] = useState(false);
  const verifying = useAppStore((state) => state.view === 'verify');

  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const { view, showView } = useAppStore.getState();
      if (view === 'verify' || !event.dataTransfer) return;
      void uploadDropped(event.dataTransfer);
      showView('files');
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!dragging || verifying) return null;
  return (
    <div className="drop-target" aria-hidden="true">
      <p>Drop files and folders to add them to IPFS</p>
    </div>
  );
}
