import { useEffect } from 'react';
import { FilesView } from '../features/files/FilesView';
import { DropTarget } from '../features/files/DropTarget';
import { followUploads } from '../features/files/upload-actions';
import { followBindings } from '../features/ipns/ipns-actions';
import { NamesView } from '../features/ipns/NamesView';
import { followVerifyProgress } from '../features/verify/verify-actions';
import { followNode, refreshNode } from '../features/node/node-actions';
import { NodeBadge } from '../features/node/NodeBadge';
import { NodeView } from '../features/node/NodeView';
import { followKeep, followPinRequests } from '../features/pins/pins-actions';
import { PinsView } from '../features/pins/PinsView';
import { followSettings, refreshSettings } from '../features/settings/settings-actions';
import { SettingsView } from '../features/settings/SettingsView';
import { ShareView } from '../features/share/ShareView';
import { VerifyView } from '../features/verify/VerifyView';
import { followOpenedLinks } from '../features/share/share-actions';
import { useTheme } from '../features/settings/use-theme';
import { followBackend } from './backend';
import { Navigation } from './Navigation';
import { Notices } from './Notices';
import { followStorageProblems } from './storage-notices';
import { useAppStore } from './store';
import { keepFocusThroughBusy } from '../ui/keep-focus-through-busy';

export function App() {
  const view = useAppStore((state) => state.view);
  useTheme();
  useEffect(() => {
    const stops = [
      followNode(),
      followSettings(),
      followUploads(),
      followVerifyProgress(),
      followOpenedLinks(),
      followBindings(),
      followPinRequests(),
      followStorageProblems(),
      followKeep(),
      keepFocusThroughBusy(),
      followBackend(() => {
        void refreshNode();
        void refreshSettings();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">Cairn</span>
        <NodeBadge />
      </header>
      <Navigation />
      <main className="app-main">
        {view === 'files' && <FilesView />}
        {view === 'pins' && <PinsView />}
        {view === 'share' && <ShareView />}
        {view === 'names' && <NamesView />}
        {view === 'verify' && <VerifyView />}
        {view === 'node' && <NodeView />}
        {view === 'settings' && <SettingsView />}
      </main>
      <Notices />
      <DropTarget />
    </div>
  );
}
