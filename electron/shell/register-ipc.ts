import { isAbsolute } from 'node:path';
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail } from '../../shared/errors';
import { channelNames } from '../../shared/ipc/channels';
import type { Dispatcher } from '../ipc/dispatch';
import type { Grants } from '../services/grants/grants';
import type { EventHub } from '../ipc/event-hub';
import type { EventSink } from '../ipc/types';
import { isTrustedSender } from './trusted-url';

/** Events for one window, on one channel per event name. */
export function sinkFor(contents: WebContents): EventSink {
  return {
    send(event, payload) {
      if (!contents.isDestroyed()) contents.send(`cairn:event:${event}`, payload);
    },
  };
}

/**
 * The only place that touches ipcMain: one handler per contract channel (and the preload's grant
 * glue), each refusing messages from frames that are not the app's own top-level page.
 */
export function registerIpc(dispatcher: Dispatcher, grants: Grants, trustedOrigins: readonly string[]): void {
  const trusted = (event: IpcMainInvokeEvent) => isTrustedSender(event, trustedOrigins);

  for (const channel of channelNames) {
    ipcMain.handle(`cairn:${channel}`, (event, payload: unknown) => {
      if (!trusted(event)) return fail('FORBIDDEN', 'IPC from an untrusted frame was refused.');
      return dispatcher.dispatch(channel, payload, sinkFor(event.sender));
    });
  }
  ipcMain.handle('cairn:cancel', (event, opId: unknown) => {
    if (trusted(event)) dispatcher.cancel(opId);
  });
  // The preload's glue for drops and pickers: the path of a File the user gave the page, never a page's string.
  ipcMain.handle('cairn:grant', (event, path: unknown) =>
    trusted(event) && typeof path === 'string' && isAbsolute(path) ? grants.grant(path) : null,
  );
}

export function addWindowToHub(hub: EventHub, contents: WebContents): void {
  const remove = hub.add(sinkFor(contents));
  contents.once('destroyed', remove);
}
