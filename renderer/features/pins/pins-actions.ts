import type {
  AfterUnpin,
  KeepStatus,
  Kept,
  LocalPin,
  NodeKeep,
  RemotePin,
  RemotePinRequestInput,
  RequestIn,
  ServiceCheck,
  ServiceInput,
  UploadPin,
} from '../../../shared/ipc/contract';
import { cairn, call, CallError } from '../../app/api';
import { plainMessage, reportFailure, reportSaveFailure } from '../../app/failure';
import type { FieldFault } from '../../app/field-faults';
import { useAppStore } from '../../app/store';
import { pollWhileVisible } from '../../app/visible-poll';
import { keptByReplace } from './pin-labels';

const store = () => useAppStore.getState();

/** Tracked remote pin requests now, then every change main reports. */
export function followPinRequests(): () => void {
  void call('pins.requests', {})
    .then((requests) => store().setPinRequests(requests))
    .catch((error: unknown) => reportFailure('Could not load pin requests', error));
  const stops = [
    cairn().on('pins.requestsChanged', (requests) => store().setPinRequests(requests)),
    cairn().on('pins.localBatch', ({ opId, pins }) => store().appendLocalPins(opId, pins)),
    cairn().on('pins.localNames', ({ opId, names }) => store().applyPinNames(opId.replace(/-names$/, ''), names)),
    recheckPinnedOnReturn(),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * Back in the window, after a pin may have been removed on a service's own site: main asks about
 * the pinned requests it has not confirmed for a few minutes; their rows change if the service says so.
 */
function recheckPinnedOnReturn(): () => void {
  const recheck = () => {
    // Nothing the user asked for: a failure leaves every status as it was.
    if (document.visibilityState === 'visible') call('pins.recheckPinned', {}).catch(() => undefined);
  };
  window.addEventListener('focus', recheck);
  document.addEventListener('visibilitychange', recheck);
  return () => {
    window.removeEventListener('focus', recheck);
    document.removeEventListener('visibilitychange', recheck);
  };
}

let listingCount = 0;

/** Lists every local pin again; rows arrive in batches while the node streams them. */
export async function listLocalPins(indirect = false): Promise<void> {
  const previous = store().localListing;
  if (previous.state === 'listing' && previous.opId) void cairn().cancel(previous.opId);
  const opId = `pins-ls-${Date.now().toString(36)}-${++listingCount}`;
  store().startLocalListing(opId);
  try {
    await call('pins.listLocal', { opId, indirect });
    store().finishLocalListing(opId);
  } catch (error) {
    store().finishLocalListing(opId, plainMessage(error));
    return;
  }
  // Pin names cost Kubo a lookup each, so they follow the rows instead of holding them back.
  await call('pins.localNames', { opId: `${opId}-names` }).catch((error: unknown) =>
    reportFailure('Could not read pin names', error),
  );
  store().finishPinNames(opId);
}

export async function loadPinSize(cid: string): Promise<void> {
  if (store().pinSizes[cid] !== undefined) return;
  store().setPinSize(cid, 'loading');
  try {
    store().setPinSize(cid, (await call('pins.localSize', { cid })).size);
  } catch {
    store().setPinSize(cid, null);
  }
}

/** The pin when pinned; a refused `ref` goes to `atField`, any other failure to a notice. */
export async function pinLocally(ref: string, atField: (fault: FieldFault) => boolean): Promise<LocalPin | null> {
  try {
    const pin = await call('pins.addLocal', { ref });
    store().notify('info', `Pinned ${pin.cid} on this node.`);
    store().pinsChanged();
    return pin;
  } catch (error) {
    reportSaveFailure('Could not pin', error, atField);
    return null;
  }
}

export async function unpinLocally(cid: string): Promise<boolean> {
  try {
    await call('pins.removeLocal', { cid });
    store().removeLocalPin(cid);
    store().pinsChanged();
    store().notify('info', `Unpinned ${cid}.`);
    return true;
  } catch (error) {
    reportFailure(`Could not unpin ${cid}`, error);
    return false;
  }
}

/**
 * What keeps content, as main's keep-status service answers: every view asks this, none derives its
 * own. `filesPath: false` where the view knows the content's place in Files already.
 */
export function keepStatusOf(cid: string, filesPath = true): Promise<KeepStatus> {
  return call('keep.status', { cid, filesPath });
}

/**
 * What of the node's pins keeps content once Unpin removes this CID's pin: asked only as the user
 * unpins, since it may walk every other recursive pin.
 */
export async function keptAfterUnpin(cid: string): Promise<AfterUnpin> {
  return (await call('keep.afterUnpin', { cid })).keptBy;
}

/** As many CIDs as main answers in one call. */
const KEEP_BATCH = 10_000;

/** What keeps each of these CIDs on this node, from main's keep service: one call per 10,000 CIDs, none per row. */
export async function keptOnNode(cids: string[]): Promise<Record<string, Kept<NodeKeep>>> {
  const answers: Record<string, Kept<NodeKeep>> = {};
  for (let start = 0; start < cids.length; start += KEEP_BATCH) {
    Object.assign(answers, await call('keep.onNode', { cids: cids.slice(start, start + KEEP_BATCH) }));
  }
  return answers;
}

/** Pins Cairn made for uploads that Files keeps anyway; empty when they cannot be read. */
export async function listUploadPins(): Promise<UploadPin[]> {
  return call('keep.uploadPins', {}).catch(() => []);
}

/** Asks main to look for pins and Files changes made behind Cairn's back; views hear of them by `keep.changed`. */
export function recheckKeep(): void {
  void call('keep.recheck', {}).catch(() => undefined);
}

/**
 * Another program may pin or change Files on the same node: main is asked to look again while the
 * window is visible, after 20 s, then less often while nothing changed (up to every 5 minutes).
 */
const RECHECK = { firstMs: 20_000, lastMs: 5 * 60_000 };

/**
 * Follows what keeps content: main's `keep.changed` makes every view ask again; main is asked to
 * look for changes made behind Cairn's back when the window gets focus and, backed off, while it is visible.
 */
export function followKeep(): () => void {
  const stop = cairn().on('keep.changed', () => store().keepChanged());
  const stopPolling = pollWhileVisible(async () => (await call('keep.recheck', {})).changed, RECHECK, document);
  window.addEventListener('focus', recheckKeep);
  return () => {
    stop();
    stopPolling();
    window.removeEventListener('focus', recheckKeep);
  };
}

/**
 * The seam every "Pin to services" control uses; true when the requests are recorded. A refused
 * name or metadata goes to `atField`, any other failure to a notice.
 */
export async function requestRemotePins(
  input: RemotePinRequestInput,
  atField: (fault: FieldFault) => boolean,
): Promise<boolean> {
  try {
    const made = await call('pins.requestRemote', input);
    store().notify(
      'info',
      `Asked for ${made.length} remote pin${made.length === 1 ? '' : 's'}; follow them under Pins.`,
    );
    return true;
  } catch (error) {
    reportSaveFailure('Could not ask for the remote pins', error, atField);
    return false;
  }
}

export async function retryPinRequest(id: string): Promise<void> {
  await call('pins.retryRequest', { id }).catch((error: unknown) => reportFailure('Could not retry', error));
}

/** Removes a request here and on its service, which may hold the pin even where Cairn has no request id. */
export async function removePinRequest(id: string): Promise<void> {
  await call('pins.removeRequest', { id, alsoOnService: true }).catch((error: unknown) =>
    reportFailure('Could not remove the request', error),
  );
}

/** Stops following a request here only, whatever its service may hold. */
export async function forgetPinRequest(id: string): Promise<void> {
  await call('pins.removeRequest', { id, alsoOnService: false }).catch((error: unknown) =>
    reportFailure('Could not forget the request', error),
  );
}

export async function saveService(service: ServiceInput, atField: (fault: FieldFault) => boolean): Promise<boolean> {
  try {
    store().setSettings(await call('pins.saveService', { service }));
    return true;
  } catch (error) {
    reportSaveFailure(`Could not save ${service.name || 'the service'}`, error, atField);
    return false;
  }
}

export async function testService(service: ServiceInput): Promise<ServiceCheck> {
  try {
    return await call('pins.testService', { service });
  } catch (error) {
    return { ok: false, code: 'VALIDATION', message: plainMessage(error) };
  }
}

export async function removeService(id: string, name: string): Promise<void> {
  try {
    store().setSettings(await call('pins.removeService', { id }));
    store().notify('info', `Removed ${name}, its token and its tracked requests.`);
  } catch (error) {
    reportFailure(`Could not remove ${name}`, error);
  }
}

/**
 * Registers a service with the node in use, or takes it back. 'token-needed': that node is a remote
 * one, which main gives only a token typed for it, never the stored one; the caller asks for it. A
 * refusal of the typed `token` goes to `atField` when it takes it; any other failure to a notice.
 */
export async function registerWithKubo(
  id: string,
  registered: boolean,
  token?: string,
  atField: (fault: FieldFault) => boolean = () => false,
): Promise<'done' | 'token-needed' | 'failed'> {
  try {
    store().setSettings(await call('pins.registerWithKubo', token ? { id, registered, token } : { id, registered }));
    return 'done';
  } catch (error) {
    if (!token && error instanceof CallError && error.error.details?.problem === 'secret-missing')
      return 'token-needed';
    reportSaveFailure('Could not change Kubo’s list of services', error, atField);
    return 'failed';
  }
}

export function listRemotePins(query: RequestIn<'pins.listRemote'>) {
  return call('pins.listRemote', query);
}

export async function removeRemotePin(serviceId: string, requestId: string): Promise<boolean> {
  try {
    await call('pins.removeRemote', { serviceId, requestId });
    return true;
  } catch (error) {
    reportFailure('Could not remove the remote pin', error);
    return false;
  }
}

/**
 * The pin keeps its name and metadata: main sends the service's own again. Said as the service
 * answered; gives the new pin, or null when it was not replaced.
 */
export async function replaceRemotePin(serviceId: string, requestId: string, cid: string): Promise<RemotePin | null> {
  try {
    const replaced = await call('pins.replaceRemote', { serviceId, requestId, cid });
    const kept = keptByReplace(replaced);
    store().notify('info', `Replaced the pin with ${cid}${kept ? `, keeping ${kept}` : ''}.`);
    return replaced;
  } catch (error) {
    reportFailure('Could not replace the pin', error);
    return null;
  }
}
