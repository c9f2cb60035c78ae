import { AppError } from '../../../shared/errors';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal } from '../kubo/kubo-errors';

/** Pinning what was just imported reads every block from the node's disk, a few seconds a GiB. */
const PIN_TIMEOUT_MS = 10 * 60_000;

export interface PinImportedOptions {
  /** The pin's name, the upload's as `add --pin-name` gives it, so that Pins and the left-pin cleanup know it. */
  name: string;
  /** What to call the content in a refusal: "the CAR's roots", a file's name. */
  what: string;
  signal: AbortSignal;
}

/**
 * Pins the roots a `dag/import` stored with `pin-roots=false`. Its own pins carry no name, and
 * naming a pinned root walks its whole DAG again (Kubo 0.43's `pin add` fetches the graph even
 * for a pin it has), so the import pins nothing and this pins once. Offline, as `dag/import` pins:
 * a root whose blocks the import lacked is refused at once, never looked for on the network. The
 * caller holds the blocks against garbage collection until then.
 */
export async function pinImported(kubo: KuboClient, cids: string[], options: PinImportedOptions): Promise<void> {
  const { name, what, signal } = options;
  try {
    for (const cid of cids)
      await kubo.call('pin/add', { arg: cid, name, offline: 'true' }, { signal, timeoutMs: PIN_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof KuboRefusal)) throw error;
    throw new AppError(
      'NODE_ERROR',
      `The node could not pin ${what}: ${error.kuboMessage}`,
      { action: 'pin', target: name },
      { cause: error },
    );
  }
}
