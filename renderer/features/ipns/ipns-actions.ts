import type { Binding, RequestIn, Responses } from '../../../shared/ipc/contract';
import { cairn, call } from '../../app/api';
import { reportFailure } from '../../app/failure';
import { useAppStore } from '../../app/store';

/**
 * Opens the Names view with `value` (a CID, /ipfs/ path or Files path) ready to publish: the seam
 * Files rows and upload results call.
 */
export function publishUnderName(value: string): void {
  const { setPublishValue, showView } = useAppStore.getState();
  setPublishValue(value);
  showView('names');
}

/** Reads one key's record again (value, sequence, expiry), quietly: a failure leaves the last one shown. */
export async function refreshRecord(keyId: string): Promise<void> {
  const result = await cairn().invoke('ipns.inspect', { key: keyId });
  if (result.ok) useAppStore.getState().setIpnsRecord(result.data);
}

/** The node's keys and, for each, what its name points to now. */
export async function loadKeys(): Promise<void> {
  try {
    const keys = await call('ipns.keys', {});
    useAppStore.getState().setIpnsKeys(keys);
    await Promise.all(keys.map((key) => refreshRecord(key.id)));
  } catch (error) {
    reportFailure('Could not list the node’s keys', error);
  }
}

/** Runs a key change, then lists the keys again; the error is thrown for the form to show. */
export async function changeKeys<C extends 'ipns.createKey' | 'ipns.renameKey' | 'ipns.removeKey' | 'ipns.importKey'>(
  channel: C,
  request: RequestIn<C>,
): Promise<Responses[C]> {
  const response = await call(channel, request);
  await loadKeys();
  return response;
}

export async function publish(request: RequestIn<'ipns.publish'>) {
  const result = await call('ipns.publish', request);
  await refreshRecord(result.name);
  return result;
}

function applyBindings(bindings: Binding[]): void {
  const before = new Map(useAppStore.getState().ipnsBindings.map((binding) => [binding.keyId, binding]));
  useAppStore.getState().setIpnsBindings(bindings);
  // A republished folder changes what its name points to: read that record again.
  for (const binding of bindings) {
    if (binding.lastPublishedAt !== before.get(binding.keyId)?.lastPublishedAt) void refreshRecord(binding.keyId);
  }
}

/** The bindings now, then every change main reports (republished, pending, failed). */
export function followBindings(): () => void {
  void cairn()
    .invoke('ipns.bindings', {})
    .then((result) => {
      if (result.ok) applyBindings(result.data);
    });
  return cairn().on('ipns.bindingsChanged', applyBindings);
}

export async function changeBinding<C extends 'ipns.bind' | 'ipns.unbind' | 'ipns.retryBinding'>(
  channel: C,
  request: RequestIn<C>,
): Promise<void> {
  await call(channel, request);
  const result = await call('ipns.bindings', {});
  applyBindings(result);
}
