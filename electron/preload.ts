import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Result } from '../shared/errors';
import type { CairnApi } from '../shared/ipc/api';
import { isChannel, isEventName } from '../shared/ipc/channels';
import { pickedFolderPath } from '../shared/picked-folder';
import { previewPath } from '../shared/preview';

// The only bridge between the page and main: named, typed methods on one object. The Electron
// event never reaches the page, and unknown channels or events are refused here already.
const api: CairnApi = {
  invoke(channel, request) {
    if (!isChannel(channel)) return Promise.reject(new Error(`unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(`cairn:${channel}`, request);
  },
  cancel: async (opId) => {
    await ipcRenderer.invoke('cairn:cancel', opId);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
    const forward = (_event: Electron.IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(`cairn:event:${event}`, forward);
    return () => {
      ipcRenderer.removeListener(`cairn:event:${event}`, forward);
    };
  },
  // The page only ever sees the grant: the path comes from the File itself, which a page cannot forge.
  async grantForFile(file, scope = 'file') {
    const onDisk = webUtils.getPathForFile(file);
    // Typed for Node here, where File lacks the DOM's webkitRelativePath.
    const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath ?? '';
    const path = onDisk && scope === 'picked-folder' ? pickedFolderPath(onDisk, relative) : onDisk;
    if (!path) return null;
    return (await ipcRenderer.invoke('cairn:grant', path)) as string | null;
  },
  copyText: async (text) => {
    const result = (await ipcRenderer.invoke('cairn:clipboard.writeText', { text })) as Result<null>;
    if (!result.ok) throw new Error(result.error.message);
  },
  previewUrl: (cid, name) => `app://cairn${previewPath(cid, name)}`,
};

contextBridge.exposeInMainWorld('cairn', api);
