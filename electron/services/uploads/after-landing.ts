import type { UploadItem } from '../../../shared/ipc/contract';
import type { MfsChanges } from '../files/mfs-changes';
import type { Logger } from '../log';
import type { PinsService } from '../pins/pins-service';

/**
 * What follows an upload once it is in Files: Cairn notes when it pinned it (when "Also pin" was
 * chosen), its folder is refreshed (which tells the keep-status service), and the remote pins it
 * asked for are requested.
 */
export function afterLanding(deps: {
  mfs: MfsChanges;
  pins: PinsService;
  log: Logger;
}): (item: UploadItem) => Promise<void> {
  const { mfs, pins, log } = deps;
  return async (item) => {
    if (item.options.pin && item.result) {
      pins.local.notePinned(item.result.cid).catch((error: unknown) => log.error('Could not note the pin time', error));
    }
    mfs.notifyChanged(item.folder);
    const { pinServices } = item.options;
    if (item.result && pinServices.length > 0) {
      // Persisted by the pins service before this returns; its own tracker takes it from there.
      await pins
        .requestRemote({ cids: [item.result.cid], serviceIds: pinServices, name: item.name })
        .catch((error: unknown) => log.error(`Could not ask for remote pins of ${item.name}`, error));
    }
  };
}
