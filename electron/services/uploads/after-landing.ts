import type { UploadItem } from '../../../shared/ipc/contract';
import type { LocalPins } from '../files/local-pins';
import type { MfsChanges } from '../files/mfs-changes';
import type { Logger } from '../log';
import type { PinsService } from '../pins/pins-service';

/**
 * What follows an upload once it is in Files: its folder is refreshed, the pin badges forget what
 * they knew, and the remote pins it asked for are requested.
 */
export function afterLanding(deps: {
  mfs: MfsChanges;
  localPins: LocalPins;
  pins: PinsService;
  log: Logger;
}): (item: UploadItem) => Promise<void> {
  const { mfs, localPins, pins, log } = deps;
  return async (item) => {
    mfs.notifyChanged(item.folder);
    if (item.options.pin) localPins.invalidate();
    const { pinServices } = item.options;
    if (item.result && pinServices.length > 0) {
      // Persisted by the pins service before this returns; its own tracker takes it from there.
      await pins
        .requestRemote({ cids: [item.result.cid], serviceIds: pinServices, name: item.name })
        .catch((error: unknown) => log.error(`Could not ask for remote pins of ${item.name}`, error));
    }
  };
}
