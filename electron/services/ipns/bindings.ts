import { AppError } from '../../../shared/errors';
import type { Binding } from '../../../shared/ipc/contract';
import type { Logger } from '../log';
import type { DataStore } from '../store/data-store';
import { bindingsFile } from '../store/files/ipns-files';

/**
 * How often bound folders are looked at (every `pollMs` after a change, backing off to `quietPollMs`
 * while nothing changes), how long a new CID must hold before it is published, and after how long
 * an unchanged folder is published again so that its record never expires.
 */
export interface BindingTiming {
  pollMs: number;
  quietPollMs: number;
  debounceMs: number;
  refreshMs: number;
}

export const DEFAULT_BINDING_TIMING: BindingTiming = {
  pollMs: 3_000,
  // Cairn's own writes wake the poll at once; this bounds how late a change made elsewhere is seen.
  quietPollMs: 30_000,
  debounceMs: 2_000,
  // Half of the records' 48 h lifetime: an offline node has no Kubo republisher to do it.
  refreshMs: 24 * 3600_000,
};

export interface BindingEffects {
  /** The folder's CID now. */
  folderCid(mfsPath: string): Promise<string>;
  /** Publishes `/ipfs/<cid>` under the key whose ID is `keyId`; returns the key's current name. */
  publish(keyId: string, cid: string): Promise<string>;
  /**
   * The key's current name and what the node's own record of its name points to (null: no valid
   * record); KEY_NOT_FOUND once the key is gone. Kubo's CLI can change either behind Cairn's back.
   */
  nameNow(keyId: string): Promise<{ keyName: string; value: string | null }>;
}

export interface BindingService {
  list(): Binding[];
  bind(binding: Pick<Binding, 'keyId' | 'keyName' | 'mfsPath' | 'minIntervalSeconds'>): Promise<Binding>;
  unbind(keyId: string): Promise<void>;
  /** Publishes a failed (or pending) binding now, whatever the minimum interval says. */
  retry(keyId: string): Promise<Binding>;
  onChange(listener: (bindings: Binding[]) => void): () => void;
  /** A folder in Files changed: look again soon, whatever the backoff had reached. */
  wake(): void;
  dispose(): Promise<void>;
}

/**
 * Folders in Files bound to keys: while any binding exists, each folder's CID is polled; a new CID
 * is published once it has held for the debounce time and the binding's minimum interval has passed.
 * Bindings (and their last state) live in `ipns-bindings.json`, so a restart picks up where it left.
 */
export async function openBindings(options: {
  store: DataStore;
  effects: BindingEffects;
  log: Logger;
  timing?: BindingTiming;
}): Promise<BindingService> {
  const { effects, log } = options;
  const timing = options.timing ?? DEFAULT_BINDING_TIMING;
  const file = await options.store.open(bindingsFile);
  const bindings = new Map<string, Binding>(file.get().map((binding) => [binding.keyId, { ...binding }]));
  /** When each binding's folder was first seen at its current CID (debounce). */
  const seenSince = new Map<string, number>();
  const listeners = new Set<(bindings: Binding[]) => void>();
  let timer: NodeJS.Timeout | undefined;
  let delay = timing.pollMs;
  let ticking: Promise<void> | null = null;
  let disposed = false;

  const list = () => [...bindings.values()].map((binding) => ({ ...binding }));

  /** Tells listeners and saves; a failed save is reported by the store and retried with the next change. */
  function changed(): Promise<void> {
    const snapshot = list();
    for (const listener of listeners) listener(snapshot);
    return file.set(snapshot).then(
      () => undefined,
      () => undefined,
    );
  }

  /** A change the user asked for: saved, or undone before the error reaches the caller. */
  async function committed(keyId: string, before: Binding | undefined): Promise<void> {
    try {
      await file.set(list());
    } catch (error) {
      if (before) bindings.set(keyId, before);
      else bindings.delete(keyId);
      for (const listener of listeners) listener(list());
      throw error;
    }
    for (const listener of listeners) listener(list());
  }

  function schedule(): void {
    clearTimeout(timer);
    if (disposed || bindings.size === 0) return;
    timer = setTimeout(() => void tick(), delay);
  }

  async function publish(binding: Binding, cid: string): Promise<void> {
    try {
      binding.keyName = await effects.publish(binding.keyId, cid);
      binding.publishedCid = cid;
      binding.lastPublishedAt = new Date().toISOString();
      binding.state = 'up-to-date';
      delete binding.error;
      delete binding.dueAt;
      log.info(`republished ${binding.mfsPath} (${cid}) under ${binding.keyName}`);
    } catch (error) {
      binding.state = 'failed';
      binding.error = error instanceof Error ? error.message : String(error);
      delete binding.dueAt;
      log.error(`republishing ${binding.mfsPath} under ${binding.keyName} failed: ${binding.error}`);
    }
  }

  /** Whether the last tick could look at every folder (the node may be starting). */
  let lookedAtAll = true;

  /** Marks the binding failed; whether that changed what it shows. */
  function fail(binding: Binding, message: string): boolean {
    if (binding.state === 'failed' && binding.error === message) return false;
    binding.state = 'failed';
    binding.error = message;
    delete binding.dueAt;
    return true;
  }

  /** The node starting or restarting is not the binding's failure: it is looked at again soon. */
  function nodeAway(error: unknown): boolean {
    if (!(error instanceof AppError && error.code === 'NODE_UNAVAILABLE')) return false;
    lookedAtAll = false;
    return true;
  }

  /**
   * Up to date only if the node's record of the name points at the folder, under a key the node
   * still has: another program may have published under the key, renamed it or removed it.
   */
  async function confirm(binding: Binding, cid: string): Promise<boolean> {
    let name: { keyName: string; value: string | null };
    try {
      name = await effects.nameNow(binding.keyId);
    } catch (error) {
      if (nodeAway(error)) return false;
      if (error instanceof AppError && error.code === 'KEY_NOT_FOUND') {
        return fail(
          binding,
          `The node no longer has the key ${binding.keyName} (${binding.keyId}): import it again to keep publishing, or Unbind.`,
        );
      }
      return fail(binding, error instanceof Error ? error.message : String(error));
    }
    const renamed = name.keyName !== binding.keyName;
    binding.keyName = name.keyName;
    if (name.value !== `/ipfs/${cid}`) {
      const now = name.value
        ? `now points to ${name.value}, published outside this binding`
        : 'has no valid record on the node any more (removed or expired)';
      return (
        fail(
          binding,
          `${binding.keyName} ${now}: Retry publishes the folder again, or Unbind leaves the name as it is.`,
        ) || renamed
      );
    }
    const recovered = binding.state !== 'up-to-date';
    binding.state = 'up-to-date';
    delete binding.error;
    delete binding.dueAt;
    return recovered || renamed;
  }

  async function check(binding: Binding, now: number): Promise<boolean> {
    let cid: string;
    try {
      cid = await effects.folderCid(binding.mfsPath);
    } catch (error) {
      if (nodeAway(error)) return false;
      return fail(binding, error instanceof Error ? error.message : String(error));
    }
    if (cid !== binding.folderCid) {
      binding.folderCid = cid;
      seenSince.set(binding.keyId, now);
    }
    if (cid === binding.publishedCid) {
      const age = binding.lastPublishedAt ? now - Date.parse(binding.lastPublishedAt) : Infinity;
      if (binding.state !== 'failed' && age > timing.refreshMs) {
        await publish(binding, cid);
        return true;
      }
      return confirm(binding, cid);
    }
    // A publish of this very CID failed: it waits for a retry or a new change, not for every poll.
    if (binding.state === 'failed' && !seenSince.has(binding.keyId)) return false;
    // Pending from the last run: the debounce starts again now.
    if (!seenSince.has(binding.keyId)) seenSince.set(binding.keyId, now);
    const stableAt = (seenSince.get(binding.keyId) ?? now) + timing.debounceMs;
    // A last publish dated after now (the clock was turned back, or the file says so) is not
    // believed: waiting for it would hold the binding as long, and past the last date there is, throw.
    const lastAt = binding.lastPublishedAt ? Date.parse(binding.lastPublishedAt) : NaN;
    const allowedAt = lastAt <= now ? lastAt + binding.minIntervalSeconds * 1000 : 0;
    const dueAt = Math.max(stableAt, allowedAt);
    if (now < dueAt) {
      const wasDue = binding.dueAt;
      binding.state = 'pending';
      binding.dueAt = new Date(dueAt).toISOString();
      return wasDue !== binding.dueAt;
    }
    seenSince.delete(binding.keyId);
    await publish(binding, cid);
    return true;
  }

  function tick(): Promise<void> {
    ticking ??= (async () => {
      let any = false;
      lookedAtAll = true;
      for (const binding of bindings.values()) {
        if (disposed) return;
        if (await check(binding, Date.now())) any = true;
      }
      // Quick polls while a change is settling; fewer and fewer while every folder stays as it is.
      const settling = any || !lookedAtAll || [...bindings.values()].some((binding) => binding.state === 'pending');
      delay = settling ? timing.pollMs : Math.min(delay * 2, timing.quietPollMs);
      if (any) await changed();
    })().finally(() => {
      ticking = null;
      schedule();
    });
    return ticking;
  }

  function existing(keyId: string): Binding {
    const binding = bindings.get(keyId);
    if (!binding) throw new AppError('NOT_FOUND', `No folder is bound to ${keyId}.`, { binding: keyId });
    return binding;
  }

  // Resume: bindings from the last run are checked as soon as the services are up.
  if (bindings.size > 0) setTimeout(() => void tick(), 0);

  return {
    list,
    async bind({ keyId, keyName, mfsPath, minIntervalSeconds }) {
      await ticking;
      const folderCid = await effects.folderCid(mfsPath);
      const binding: Binding = { keyId, keyName, mfsPath, minIntervalSeconds, state: 'pending', folderCid };
      const before = bindings.get(keyId);
      bindings.set(keyId, binding);
      await publish(binding, folderCid);
      await committed(keyId, before);
      schedule();
      return { ...binding };
    },
    async unbind(keyId) {
      await ticking;
      const before = { ...existing(keyId) };
      bindings.delete(keyId);
      seenSince.delete(keyId);
      await committed(keyId, before);
      schedule();
    },
    async retry(keyId) {
      await ticking;
      const binding = existing(keyId);
      binding.folderCid = await effects.folderCid(binding.mfsPath).catch(() => binding.folderCid);
      if (binding.folderCid) await publish(binding, binding.folderCid);
      await changed();
      schedule();
      return { ...binding };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wake() {
      delay = timing.pollMs;
      if (!ticking) schedule();
    },
    async dispose() {
      disposed = true;
      clearTimeout(timer);
      await ticking;
      await file.flushed();
    },
  };
}
