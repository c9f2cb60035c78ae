import { AppError } from '../../../shared/errors';
import type { ObfuscatedSecrets, Settings } from '../../../shared/settings';
import type { Keychain } from '../platform';
import { secretEndpoints } from './secret-owners';
import { assertMayStoreSecret } from './secret-protection';
import type { DataStore } from '../store/data-store';
import { secretsFile, type StoredSecret } from '../store/files/secrets-file';

/**
 * Every secret is bound to the endpoint it was saved for (scheme, host and port): it is only ever
 * given back for that endpoint, so no caller can send a stored token to another server, and an
 * entry whose address changes needs its secret entered again.
 */
export interface SecretStore {
  /** The secret saved under `key` for this endpoint; null when none is, or it was saved for another endpoint. */
  get(key: string, endpoint: string): Promise<string | null>;
  /**
   * Saves the secret for this endpoint. What `key` held for another endpoint stays until `keepOnly`
   * (the settings naming the new endpoint may not be on disk yet).
   */
  set(key: string, value: string, endpoint: string): Promise<void>;
  has(key: string, endpoint: string): boolean;
  /** Removes the secrets under the prefix that are not held for the endpoint `endpoints` gives their key. */
  keepOnly(prefix: string, endpoints: ReadonlyMap<string, string>): Promise<void>;
  /** What the keys starting with the prefix hold now, sealed as they are, for `restore`. */
  snapshot(prefix: string): SecretSnapshot;
  /** Puts back exactly what the snapshot's keys held: secrets added since go, and those changed or removed return. */
  restore(snapshot: SecretSnapshot): Promise<void>;
}

export interface SecretSnapshot {
  readonly prefix: string;
  readonly held: Readonly<Record<string, StoredSecret>>;
}

/** The save under way on each secret store: the next waits for it (see secretsThenSettings). */
const saving = new WeakMap<SecretStore, Promise<unknown>>();

/**
 * Writes an entry's new secrets, then the settings entry that owns them, and only then removes the
 * secrets under `prefix` the saved settings no longer name: a kill between two writes leaves every
 * secret the settings on disk name. If either write fails, the secrets under `prefix` are put back
 * as they were: a refused save or removal neither loses a secret the settings still name nor leaves
 * behind one they never will. Saves run one after the other: put back, the secrets of one that began
 * during another would undo that other's, whose settings may be on disk.
 */
export function secretsThenSettings(
  secrets: SecretStore,
  prefix: string,
  writeSecrets: () => Promise<void>,
  writeSettings: () => Promise<Settings>,
): Promise<Settings> {
  const run = (saving.get(secrets) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => saveInTurn(secrets, prefix, writeSecrets, writeSettings));
  saving.set(secrets, run);
  return run;
}

async function saveInTurn(
  secrets: SecretStore,
  prefix: string,
  writeSecrets: () => Promise<void>,
  writeSettings: () => Promise<Settings>,
): Promise<Settings> {
  const before = secrets.snapshot(prefix);
  let saved: Settings;
  try {
    await writeSecrets();
    saved = await writeSettings();
  } catch (error) {
    // A failed write of secrets.json is logged and shown by the store; the reason to give is the first.
    await secrets.restore(before).catch(() => undefined);
    throw error;
  }
  // Left there if this fails (a full disk): sealed for an endpoint no entry names, it is never given out.
  await secrets.keepOnly(prefix, secretEndpoints(saved)).catch(() => undefined);
  return saved;
}

/**
 * Tokens and passwords, sealed by the OS keychain (Electron safeStorage) and kept in their own file
 * in the data folder. Nothing here is logged, and nothing leaves main: the renderer only learns
 * whether a secret is stored.
 */
export async function openSecretStore(
  store: DataStore,
  keychain: Keychain,
  /**
   * The endpoint of each secret the saved entries hold (secretEndpoints of the settings on disk);
   * null when the settings could not be read whole, and so cannot tell which entries are gone.
   */
  endpoints: Map<string, string> | null,
  /** The user's say on storing secrets this system can only obfuscate. */
  obfuscatedChoice: () => ObfuscatedSecrets,
): Promise<SecretStore> {
  const file = await store.open(secretsFile((legacy, leaveOut) => bindLegacy(legacy, keychain, endpoints, leaveOut)));
  if (endpoints) await bindWaiting(endpoints);

  return {
    async get(key, endpoint) {
      const origin = originOf(endpoint);
      const stored = file.get()[boundKey(key, origin)];
      if (stored === undefined) return null;
      // The endpoint is sealed with the secret too, so an edited secrets.json cannot move a secret elsewhere.
      const bound = await unseal(keychain, stored.sealed, file.path);
      return bound.endpoint === origin && typeof bound.value === 'string' ? bound.value : null;
    },
    async set(key, value, endpoint) {
      const origin = originOf(endpoint);
      assertMayStoreSecret(await keychain.protection(), obfuscatedChoice());
      const sealed = await seal(keychain, origin, value);
      await file.update((secrets) => ({ ...secrets, [boundKey(key, origin)]: { sealed } }));
    },
    has: (key, endpoint) => file.get()[boundKey(key, originOf(endpoint))] !== undefined,
    keepOnly: (prefix, endpoints) =>
      remove((stored) => {
        if (!stored.startsWith(prefix)) return false;
        const at = stored.lastIndexOf('@');
        // One saved before secrets were bound waits for its entry (see bindWaiting) while there is one.
        if (at === -1) return !endpoints.has(stored);
        const endpoint = endpoints.get(stored.slice(0, at));
        return endpoint === undefined || originOf(endpoint) !== stored.slice(at + 1);
      }),
    snapshot: (prefix) => ({ prefix, held: heldUnder(file.get(), prefix) }),
    async restore({ prefix, held }) {
      const now = heldUnder(file.get(), prefix);
      const same = (a: typeof now, b: typeof now) =>
        Object.entries(a).every(([key, { sealed }]) => b[key]?.sealed === sealed);
      if (same(now, held) && same(held, now)) return;
      await file.update((secrets) => ({ ...without(secrets, (stored) => stored.startsWith(prefix)), ...held }));
    },
  };

  /** Secrets left unbound while the settings could not be read are bound once the entry holding them is back. */
  async function bindWaiting(known: Map<string, string>): Promise<void> {
    const bound: Record<string, StoredSecret> = {};
    const waiting = new Set<string>();
    for (const [key, { sealed }] of Object.entries(file.get())) {
      const endpoint = key.includes('@') ? undefined : known.get(key);
      // One that cannot be bound (yet) keeps waiting.
      const one = endpoint === undefined ? null : await bindOne(keychain, key, sealed, endpoint).catch(() => null);
      if (!one) continue;
      Object.assign(bound, one);
      waiting.add(key);
    }
    if (waiting.size === 0) return;
    // A write that fails (a full disk, reported by the store) must not stop the start: they stay
    // on disk as they were, unbound and never given out, and are bound at a start that can write.
    await file
      .update((secrets) => ({ ...without(secrets, (stored) => waiting.has(stored)), ...bound }))
      .catch(() => undefined);
  }

  async function remove(matches: (stored: string) => boolean): Promise<void> {
    if (!Object.keys(file.get()).some(matches)) return;
    await file.update((secrets) => without(secrets, matches));
  }
}

function heldUnder(secrets: Record<string, StoredSecret>, prefix: string): Record<string, StoredSecret> {
  return Object.fromEntries(Object.entries(secrets).filter(([stored]) => stored.startsWith(prefix)));
}

function without<T>(secrets: Record<string, T>, matches: (stored: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(secrets).filter(([stored]) => !matches(stored)));
}

interface Sealed {
  endpoint: string;
  value: string;
}

/**
 * A stored secret opened. One the keychain cannot open (sealed under another user, or a keychain
 * since reset) is said as such, and stays as it is on disk: the user enters it again.
 */
async function unseal(keychain: Keychain, sealed: string, path: string): Promise<Partial<Sealed>> {
  try {
    return JSON.parse(await keychain.decrypt(Buffer.from(sealed, 'base64'))) as Partial<Sealed>;
  } catch (error) {
    throw new AppError(
      'SECRET_UNREADABLE',
      `A saved secret in ${path} cannot be opened with this system's keychain (saved under another user, or the keychain was reset): enter it again. Its sealed copy is kept.`,
      { path },
      { cause: error },
    );
  }
}

/** The value sealed together with the origin it is bound to, in base64. */
async function seal(keychain: Keychain, origin: string, value: string): Promise<string> {
  const plain = JSON.stringify({ endpoint: origin, value } satisfies Sealed);
  return Buffer.from(await keychain.encrypt(plain)).toString('base64');
}

/**
 * Secrets saved before secrets were bound (`key`, the value sealed alone): each is bound to the
 * endpoint its entry has on disk and sealed again with it; one whose entry is gone is left out.
 * While the settings cannot tell (`endpoints` null) they stay unbound, waiting: never given out,
 * never dropped. Bound ones (`key@origin`) pass as they are, and the file's schema judges every entry after.
 */
async function bindLegacy(
  secrets: Record<string, unknown>,
  keychain: Keychain,
  endpoints: Map<string, string> | null,
  leaveOut: (why: string) => void,
): Promise<Record<string, unknown>> {
  const bound: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(secrets)) {
    const sealed = (entry as { sealed?: unknown } | null)?.sealed;
    if (key.includes('@') || endpoints === null || typeof sealed !== 'string') {
      bound[key] = entry;
      continue;
    }
    const endpoint = endpoints.get(key);
    if (endpoint === undefined) leaveOut(`${key} is held by no entry in the settings any more`);
    // One that cannot be bound is left out alone: the others are kept.
    else
      await bindOne(keychain, key, sealed, endpoint).then(
        (one) => Object.assign(bound, one),
        (error: unknown) => leaveOut(error instanceof Error ? error.message : String(error)),
      );
  }
  return bound;
}

/** One unbound secret, sealed again together with the origin of its entry's endpoint; throws, saying why, if it cannot be. */
async function bindOne(
  keychain: Keychain,
  key: string,
  sealed: string,
  endpoint: string,
): Promise<Record<string, StoredSecret>> {
  const origin = originOf(endpoint);
  let value: string;
  try {
    value = await keychain.decrypt(Buffer.from(sealed, 'base64'));
  } catch (error) {
    // Sealed on another machine or by another user's keychain, or damaged: no key here opens it.
    throw new Error(`${key} could not be decrypted with this machine's key`, { cause: error });
  }
  return { [boundKey(key, origin)]: { sealed: await seal(keychain, origin, value) } };
}

const boundKey = (key: string, origin: string) => `${key}@${origin}`;

/** Scheme, host and port: what a secret is bound to. */
function originOf(endpoint: string): string {
  try {
    const { origin } = new URL(endpoint);
    if (origin !== 'null') return origin;
  } catch {
    // said below
  }
  throw new AppError('VALIDATION', `${endpoint} is not an address a secret can be bound to.`);
}
