import { randomUUID } from 'node:crypto';
import { AppError, cairnErrorOf, type CairnError, type ErrorCode } from '../../../shared/errors';
import type { PinRequest, RemotePin, RemotePinRequestInput } from '../../../shared/ipc/contract';
import type { Logger } from '../log';
import type { StoredFile } from '../store/data-store';
import { sameContent } from './cid-forms';
import type { PinBackend, RemoteState } from './pin-backends';
import { PsaError } from './psa-client';
import { lookedAtCheckAge, nextCheckDelay, pinnedCheckDelay } from './retry-policy';

export interface PinTracker {
  list(): PinRequest[];
  /** Persists one request per CID and service, and returns at once; the services are called in the background. */
  request(input: RemotePinRequestInput): Promise<PinRequest[]>;
  retry(id: string): Promise<PinRequest>;
  remove(id: string, alsoOnService: boolean): Promise<void>;
  /**
   * The user removed (`replacement` null) or replaced a pin on the service: the requests tracking it
   * (by its request id, or through Kubo, which knows no request ids, by its CID and name; null when
   * the old pin could not be read) say so now, not at their next check an hour on. One whose content
   * the replacement still pins follows it.
   */
  changedOnService(
    serviceId: string,
    old: { requestId: string; cid: string | null; name: string | null },
    replacement: RemotePin | null,
  ): Promise<void>;
  /**
   * Asks about a service's pending requests now (its endpoint or token was just changed), and sends
   * again those it refused for the token or the address.
   */
  wake(serviceId: string): Promise<void>;
  /**
   * The user came back: pinned requests whose status is older than `lookedAtCheckAge` are asked
   * about now (one in trouble keeps its backoff). Gives how many.
   */
  recheckPinned(): number;
  /** Forgets the requests of a service that was removed. */
  forgetService(serviceId: string): Promise<void>;
  onChange(listener: (requests: PinRequest[]) => void): () => void;
  stop(): Promise<void>;
}

export interface PinTrackerOptions {
  /** pin-requests.json. */
  file: StoredFile<PinRequest[]>;
  /** The backend for a service and path, or null when the service no longer exists. */
  backend: (serviceId: string, via: PinRequest['via']) => Promise<PinBackend | null>;
  /**
   * False when the settings could not be read whole: a service missing from them may still be the
   * user's, so its requests wait (until the next start) rather than fail.
   */
  servicesKnown: boolean;
  /** The node's dialable addresses (empty offline), sent as `origins`. */
  origins: () => Promise<string[]>;
  log: Logger;
  /** Multiplies every poll interval; tests make it small. */
  pollScale?: number;
  now?: () => number;
}

/**
 * Every remote pin request Cairn made, from the moment it is asked until the service says failed,
 * kept in one JSON file so a restart loses nothing. A pinned request is asked about again now and
 * then, since anyone with the token can remove it there; after a restart every status the service
 * gave is stale until it says it again. One timer wakes at the earliest
 * `nextCheckAt`; due requests are grouped by service and path, new ones submitted, the rest
 * checked in batches by CID. A service that is down or rate limiting only delays its own requests.
 */
export function openPinTracker(options: PinTrackerOptions): PinTracker {
  const { file, backend, servicesKnown, origins, log, pollScale = 1 } = options;
  const now = options.now ?? Date.now;
  const requests = new Map<string, PinRequest>(file.get().map((request) => [request.id, resumed(request, now())]));
  const listeners = new Set<(requests: PinRequest[]) => void>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;

  const list = () => [...requests.values()].sort((a, b) => a.createdAt - b.createdAt);

  function changed(): Promise<void> {
    const snapshot = list();
    for (const listener of listeners) listener(snapshot);
    return file.set(snapshot.map((request) => ({ ...request }))).then(() => undefined);
  }

  /**
   * A change the user asked for: applied and saved, or, when the save fails, undone (and the
   * listeners told) before the error reaches the caller.
   */
  async function transact<T>(change: () => T | Promise<T>): Promise<T> {
    const before = list().map((request) => ({ ...request }));
    const result = await change();
    try {
      await changed();
    } catch (error) {
      requests.clear();
      for (const request of before) requests.set(request.id, request);
      for (const listener of listeners) listener(list());
      throw error;
    }
    return result;
  }

  function schedule(): void {
    clearTimeout(timer);
    if (stopped) return;
    // A loop, not Math.min(...due): spread as arguments, a list of some 100,000 requests overflows the stack.
    let first = Infinity;
    for (const request of requests.values())
      if (request.nextCheckAt !== null) first = Math.min(first, request.nextCheckAt);
    if (first === Infinity) return;
    const wait = Math.max(0, first - now());
    timer = setTimeout(() => void tick(), Math.min(wait, 2 ** 31 - 1));
  }

  function tick(): Promise<void> {
    running ??= work().finally(() => {
      running = null;
      schedule();
    });
    return running;
  }

  async function work(): Promise<void> {
    const due = list().filter((request) => request.nextCheckAt !== null && request.nextCheckAt <= now());
    const groups = new Map<string, PinRequest[]>();
    for (const request of due) {
      const key = `${request.serviceId}\n${request.via}`;
      const group = groups.get(key);
      // Pushed, not copied: a copy per request made grouping 150,000 due requests take minutes.
      if (group) group.push(request);
      else groups.set(key, [request]);
    }
    await Promise.all([...groups.values()].map((group) => advance(group)));
    // A failed save is reported by the store; what the services said is saved with the next change.
    if (due.length > 0) await changed().catch(() => undefined);
  }

  /** One service's due requests: submit the new ones, check the rest; trouble delays them all. */
  async function advance(group: PinRequest[]): Promise<void> {
    const first = group[0];
    if (!first || stopped) return;
    let service: PinBackend | null;
    try {
      service = await backend(first.serviceId, first.via);
    } catch (error) {
      // Cairn's side (a token missing or unreadable, the node down), not the service's word on the
      // requests: they keep their status and wait, and saving the service again wakes them.
      troubled(group, error);
      return;
    }
    if (!service && !servicesKnown) {
      for (const request of group) waitForSettings(request);
      return;
    }
    if (!service) {
      for (const request of group)
        settle(request, { code: 'PIN_SERVICE_REMOVED', message: 'The pinning service was removed from Cairn.' });
      return;
    }
    // Requests submitted in this round already have a fresh status; they are checked next round.
    const fresh = new Set<string>();
    try {
      for (const request of group.filter((candidate) => candidate.requestId === null)) {
        try {
          apply(request, await service.submit(request));
          fresh.add(request.id);
        } catch (error) {
          if (isTransient(error)) throw error;
          settle(request, cairnErrorOf(error));
        }
      }
      const toCheck = group.filter(
        (request) => request.requestId !== null && request.nextCheckAt !== null && !fresh.has(request.id),
      );
      if (toCheck.length === 0) return;
      const asked = new Map(toCheck.map((request) => [request.id, request.requestId]));
      const states = await service.check(toCheck);
      for (const request of toCheck) {
        const state = states.get(request.id);
        // Settled or moved to another request id while the service was asked (the user removed or
        // replaced its pin): that stands, the answer read before it does not.
        if (state && request.nextCheckAt !== null && request.requestId === asked.get(request.id)) apply(request, state);
      }
    } catch (error) {
      troubled(group, error);
    }
  }

  function apply(request: PinRequest, state: RemoteState): void {
    if (state === 'missing') {
      settle(request, {
        code: 'PIN_REQUEST_GONE',
        message: 'The service no longer has this pin request (removed there?).',
      });
      return;
    }
    if ('failure' in state) {
      // Its request id now names other content: removing the request must not remove that pin.
      settle(request, state.failure);
      request.requestId = null;
      return;
    }
    const nextCheckIn =
      state.status === 'failed'
        ? null
        : state.status === 'pinned'
          ? pinnedCheckDelay(pollScale)
          : nextCheckDelay({ ageMs: now() - request.createdAt, errors: 0, scale: pollScale });
    Object.assign(request, {
      requestId: state.requestId,
      status: state.status,
      reason: state.reason,
      failure: null,
      problem: null,
      stale: false,
      errors: 0,
      updatedAt: now(),
      nextCheckAt: nextCheckIn === null ? null : now() + nextCheckIn,
    } satisfies Partial<PinRequest>);
  }

  /** Failed on Cairn's side: the service refused the request or is gone; the renderer words the code. */
  function settle(request: PinRequest, failure: CairnError): void {
    Object.assign(request, {
      status: 'failed',
      reason: null,
      failure,
      problem: null,
      stale: false,
      errors: 0,
      updatedAt: now(),
      nextCheckAt: null,
    } satisfies Partial<PinRequest>);
  }

  /** Keeps its status, says why it waits, and is not asked about again before the next start. */
  function waitForSettings(request: PinRequest): void {
    Object.assign(request, {
      problem: {
        code: 'PIN_SERVICE_UNKNOWN',
        message: `The pinning service ${request.serviceId} is missing from settings that could not be read whole.`,
      },
      updatedAt: now(),
      nextCheckAt: null,
    } satisfies Partial<PinRequest>);
  }

  /** No answer, 5xx, 429, no token to ask with: the requests keep their status, say why they wait, and back off. */
  function troubled(group: PinRequest[], error: unknown): void {
    const retryAfter = error instanceof PsaError ? error.retryAfterMs : null;
    const problem = cairnErrorOf(error);
    log.warn(`pinning service ${group[0]?.serviceId ?? ''}: ${problem.message}`);
    for (const request of group) {
      if (request.nextCheckAt === null) continue;
      request.errors += 1;
      request.problem = problem;
      request.updatedAt = now();
      request.nextCheckAt =
        now() +
        nextCheckDelay({
          ageMs: now() - request.createdAt,
          errors: request.errors,
          retryAfterMs: retryAfter,
          scale: pollScale,
        });
    }
  }

  /** Removals on their way, by request id. */
  const removals = new Map<string, Promise<void>>();
  async function removeOnce(id: string, alsoOnService: boolean): Promise<void> {
    const request = requests.get(id);
    if (!request) throw new AppError('NOT_FOUND', 'That pin request is no longer tracked.', { pinRequest: id });
    if (alsoOnService) {
      // A round submitting it now would leave a pin behind the removal: its answer is waited for,
      // and no round starts on it while the service is asked.
      if (request.requestId === null) await running;
      const nextCheckAt = request.nextCheckAt;
      request.nextCheckAt = null;
      try {
        await (await backend(request.serviceId, request.via))?.remove(request);
      } catch (error) {
        request.nextCheckAt = nextCheckAt;
        schedule();
        throw error;
      }
    }
    await transact(() => requests.delete(id));
  }

  schedule();

  return {
    list,
    async request(input) {
      const addresses = input.via === 'kubo' ? [] : await origins();
      const created: PinRequest[] = [];
      // Nothing is asked of a service before the request is on disk (a failed save takes it back).
      await transact(() => {
        for (const cid of input.cids) {
          for (const serviceId of input.serviceIds) {
            const at = now();
            const request: PinRequest = {
              id: randomUUID(),
              cid,
              serviceId,
              name: input.name,
              meta: input.meta ?? {},
              origins: addresses,
              via: input.via ?? 'cairn',
              status: 'queued',
              requestId: null,
              reason: null,
              failure: null,
              problem: null,
              stale: false,
              createdAt: at,
              updatedAt: at,
              nextCheckAt: null,
              errors: 0,
            };
            requests.set(request.id, request);
            created.push(request);
          }
        }
      });
      for (const request of created) request.nextCheckAt = now();
      void tick();
      return created.map((request) => ({ ...request }));
    },
    async retry(id) {
      const request = requests.get(id);
      if (!request) throw new AppError('NOT_FOUND', 'That pin request is no longer tracked.', { pinRequest: id });
      await transact(() => {
        // A failed request is asked again from the start; a waiting one is just checked now.
        if (request.status === 'failed')
          Object.assign(request, { status: 'queued', requestId: null, reason: null, failure: null });
        Object.assign(request, { problem: null, errors: 0, nextCheckAt: now(), updatedAt: now() });
      });
      void tick();
      return { ...(requests.get(id) ?? request) };
    },
    remove(id, alsoOnService) {
      // A second removal while one is on its way joins it: two would ask the service twice, and the
      // second, having seen the first's cleared check, would leave a refused request never checked again.
      const onItsWay = removals.get(id);
      if (onItsWay) return onItsWay;
      const removal = removeOnce(id, alsoOnService).finally(() => removals.delete(id));
      removals.set(id, removal);
      return removal;
    },
    async changedOnService(serviceId, old, replacement) {
      // Through Kubo a request is its CID and name, as Kubo's `pin remote ls` tells pins apart.
      const sameViaKubo = (request: PinRequest, pin: { cid: string | null; name: string | null }) =>
        pin.cid !== null && sameContent(request.cid, pin.cid) && request.name === (pin.name ?? '');
      const tracks = (request: PinRequest) =>
        request.via === 'kubo' ? sameViaKubo(request, old) : request.requestId === old.requestId;
      const follows = (request: PinRequest, pin: RemotePin) =>
        request.via === 'kubo' ? sameViaKubo(request, pin) : sameContent(request.cid, pin.cid);
      await transact(() => {
        for (const request of list()) {
          if (request.serviceId !== serviceId || request.requestId === null || !tracks(request)) continue;
          if (!replacement || !follows(request, replacement))
            settle(request, { code: 'PIN_REQUEST_GONE', message: 'The pin was removed from the service in Cairn.' });
          else if (request.via === 'kubo')
            apply(request, {
              requestId: `kubo:${request.cid}`,
              status: replacement.status,
              reason: replacement.reason,
            });
          else apply(request, replacement);
        }
      });
    },
    async wake(serviceId) {
      await transact(() => {
        for (const request of list()) {
          if (request.serviceId !== serviceId) continue;
          // Refused for what was just changed (the token, the address), never taken: asked anew.
          if (request.requestId === null && refusedForSettings.has(request.failure?.code ?? ''))
            Object.assign(request, { status: 'queued', reason: null, failure: null, updatedAt: now() });
          else if (request.nextCheckAt === null) continue;
          Object.assign(request, { problem: null, errors: 0, nextCheckAt: now() });
        }
      });
      void tick();
    },
    recheckPinned() {
      const confirmedBefore = now() - lookedAtCheckAge(pollScale);
      const due = list().filter(
        (request) =>
          request.status === 'pinned' &&
          request.problem === null &&
          request.nextCheckAt !== null &&
          request.updatedAt <= confirmedBefore,
      );
      for (const request of due) request.nextCheckAt = now();
      if (due.length > 0) void tick();
      return due.length;
    },
    async forgetService(serviceId) {
      await transact(() => {
        for (const request of list()) if (request.serviceId === serviceId) requests.delete(request.id);
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await file.flushed();
    },
  };
}

/**
 * After a restart every request the service may still change is due at once, and what the service
 * said before is stale until it says it again; the past schedule is meaningless now.
 */
function resumed(request: PinRequest, at: number): PinRequest {
  if (request.status === 'failed') return { ...request, nextCheckAt: null, problem: null, stale: false };
  return { ...request, nextCheckAt: at, problem: null, stale: request.requestId !== null };
}

/** A submit refused for the service's settings in Cairn, not for the pin: saving them again may cure it. */
const refusedForSettings = new Set<string>(['PIN_SERVICE_AUTH', 'NOT_PINNING_SERVICE'] satisfies ErrorCode[]);

const TRANSIENT_NODE_CODES = new Set<ErrorCode>(['NODE_UNAVAILABLE', 'NODE_UNREACHABLE', 'TIMEOUT']);

/** Worth trying again later: the service or the node did not answer, or asked us to wait. */
function isTransient(error: unknown): boolean {
  if (error instanceof PsaError) return error.transient;
  return !(error instanceof AppError) || TRANSIENT_NODE_CODES.has(error.code);
}
