import { AppError, cairnErrorOf, type CairnError } from '../../../shared/errors';
import type { PinRequest } from '../../../shared/ipc/contract';
import type { PinStatus } from '../../../shared/pins/presets';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal } from '../kubo/kubo-errors';
import { withoutSentSecrets } from '../redact';
import { sameContent } from './cid-forms';
import { failureReason, heldPin, PsaError, type PsaClient, type PsaPinStatus } from './psa-client';

/**
 * What the service says of one request. `missing` means it no longer knows it; `failure`, that its
 * request id now answers for other content, so the id is not this request's any more.
 */
export type RemoteState =
  { requestId: string; status: PinStatus; reason: string | null } | 'missing' | { failure: CairnError };

/** The two ways a pin request reaches a service: Cairn calls its API, or Kubo does (`pin remote`). */
export interface PinBackend {
  submit(request: PinRequest): Promise<RemoteState & { requestId: string }>;
  /** The state of several requests of one service, asked in as few calls as the API allows. */
  check(requests: PinRequest[]): Promise<Map<string, RemoteState>>;
  remove(request: PinRequest): Promise<void>;
}

/** The API filters by at most 10 CIDs per call. */
const CIDS_PER_CALL = 10;

export function psaBackend(client: PsaClient): PinBackend {
  return {
    async submit(request) {
      // After a crash between sending and saving, the service may already hold this request: adopt it
      // (unless it failed: a retry asks anew).
      const pin =
        (await heldPin(client, request)) ??
        (await client.add({
          cid: request.cid,
          ...(request.name ? { name: request.name } : {}),
          ...(request.origins.length ? { origins: request.origins } : {}),
          ...(Object.keys(request.meta).length ? { meta: request.meta } : {}),
        }));
      // An answer about other content (another of the user's pins, say) is not this request's status.
      if (!sameContent(request.cid, pin.pin.cid)) throw wrongPin(client.host, request.cid, pin.pin.cid);
      return { requestId: pin.requestid, status: pin.status, reason: failureReason(pin) };
    },
    async check(requests) {
      const states = new Map<string, RemoteState>();
      for (let i = 0; i < requests.length; i += CIDS_PER_CALL) {
        const batch = requests.slice(i, i + CIDS_PER_CALL);
        const cids = [...new Set(batch.map((request) => request.cid))];
        const { results } = await client.list({ cids, limit: 1000 });
        const byId = new Map(results.map((pin) => [pin.requestid, pin]));
        for (const request of batch) {
          if (request.requestId === null) continue;
          // A page may be shorter than asked (a service's own page size, more requests for a CID than
          // fit): only the service's answer for the request itself says it is gone.
          const pin = byId.get(request.requestId) ?? (await pinById(client, request.requestId));
          if (pin && !sameContent(request.cid, pin.pin.cid)) {
            states.set(request.id, { failure: cairnErrorOf(wrongPin(client.host, request.cid, pin.pin.cid)) });
            continue;
          }
          states.set(
            request.id,
            pin ? { requestId: pin.requestid, status: pin.status, reason: failureReason(pin) } : 'missing',
          );
        }
      }
      return states;
    },
    async remove(request) {
      // Without a request id the service may still hold the pin: its answer to the add was lost.
      const requestId = request.requestId ?? (await heldPin(client, request))?.requestid;
      if (requestId === undefined) return;
      try {
        await client.remove(requestId);
      } catch (error) {
        // Already gone from the service is what we wanted; only the API's own 404 says so (a page that
        // is not the API says nothing of the pin, which may still be there).
        if (!(error instanceof PsaError && error.code === 'NOT_FOUND')) throw error;
      }
    },
  };
}

function wrongPin(service: string, asked: string, said: string): PsaError {
  // The service's words, cut to a CID's length: they reach the page and the log.
  const answered = said.length > 120 ? `${said.slice(0, 120)}…` : said;
  return new PsaError(
    'PIN_SERVICE_WRONG_PIN',
    `${service} answered for ${answered} when asked about ${asked}: Cairn does not count it as this pin.`,
    { service, asked, answered },
    { transient: false },
  );
}

/**
 * The service's pin status of one request; null when the API answers that it has no such request. A
 * 404 page that is not the API's (a proxy's, a moved endpoint's) says nothing of the request: thrown.
 */
async function pinById(client: PsaClient, requestId: string): Promise<PsaPinStatus | null> {
  try {
    return await client.get(requestId);
  } catch (error) {
    if (error instanceof PsaError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

interface KuboRemotePin {
  Cid: string;
  Name: string;
  Status: PinStatus;
}

const KUBO_REMOTE_TIMEOUT_MS = 60_000;

/**
 * Kubo's own `pin remote` against a service registered with it (`kuboName`). Kubo exposes no
 * request id, so a request is known by its CID and name. `token`: the service's stored token, cut
 * from Kubo's words (null when none can be read).
 */
export function kuboBackend(node: () => KuboClient, kuboName: string, token: string | null): PinBackend {
  const options = { timeoutMs: KUBO_REMOTE_TIMEOUT_MS };
  /**
   * Kubo's refusal carries the service's answer: a pin service error, transient when it says so,
   * without the token a service may have echoed in it (Kubo passes its words on as they were).
   */
  const serviceFailure =
    (command: string) =>
    (error: unknown): never => {
      if (!(error instanceof KuboRefusal)) throw error;
      const message = token
        ? withoutSentSecrets(error.kuboMessage, { Authorization: `Bearer ${token}` })
        : error.kuboMessage;
      throw new PsaError(
        'PIN_SERVICE_ERROR',
        `Kubo's pin remote ${command.split('/').pop() ?? ''}: ${message}`,
        { serviceReason: message },
        { transient: /connect|timeout|429|50\d|EOF/i.test(message) },
      );
    };
  const call = <T>(command: string, params: [string, string][]): Promise<T> =>
    node().call<T>(command, params, options).catch(serviceFailure(command));
  const lines = async <T extends object>(command: string, params: [string, string][]): Promise<T[]> => {
    const rows: T[] = [];
    try {
      for await (const row of node().lines<T>(command, params, options)) rows.push(row);
    } catch (error) {
      serviceFailure(command)(error);
    }
    return rows;
  };
  const allStatuses: [string, string][] = ['queued', 'pinning', 'pinned', 'failed'].map((status) => ['status', status]);
  return {
    async submit(request) {
      const pin = await call<KuboRemotePin>('pin/remote/add', [
        ['arg', request.cid],
        ['service', kuboName],
        ['name', request.name],
        ['background', 'true'],
      ]);
      return { requestId: `kubo:${pin.Cid}`, status: pin.Status, reason: null };
    },
    async check(requests) {
      const states = new Map<string, RemoteState>();
      for (let i = 0; i < requests.length; i += CIDS_PER_CALL) {
        const batch = requests.slice(i, i + CIDS_PER_CALL);
        const pins = await lines<KuboRemotePin>('pin/remote/ls', [
          ['service', kuboName],
          ...batch.map((request): [string, string] => ['cid', request.cid]),
          ...allStatuses,
        ]);
        for (const request of batch) {
          const pin = pins.find((candidate) => candidate.Cid === request.cid && candidate.Name === request.name);
          states.set(request.id, pin ? { requestId: `kubo:${pin.Cid}`, status: pin.Status, reason: null } : 'missing');
        }
      }
      return states;
    },
    async remove(request) {
      await call('pin/remote/rm', [
        ['service', kuboName],
        ['cid', request.cid],
        ['name', request.name],
        ...allStatuses,
        ['force', 'true'],
      ]);
    },
  };
}

export function notFoundService(serviceId: string): AppError {
  return new AppError('NOT_FOUND', `There is no pinning service ${serviceId} (was it removed?).`, { serviceId });
}
