import { join } from 'node:path';
import type { CID } from 'multiformats/cid';
import { AppError } from '../../../shared/errors';
import type { RemoteSource, RemoteVerification } from '../../../shared/ipc/contract';
import type { Gateway } from '../../../shared/settings';
import type { NodeService } from '../node/node-service';
import type { KuboClient } from '../kubo/kubo-client';
import type { SettingsService } from '../settings/settings-service';
import { isLoopback } from '../../../shared/links/loopback';
import { verifyRemote, type ResolvedSource } from './verify-remote';

const IDLE_TIMEOUT_MS = 20_000;

export interface VerifyService {
  /** The node, when one answers: local verification works without it. */
  nodeClient(): KuboClient | null;
  /**
   * "Which sources serve this CID correctly?": the node, its gateway and every gateway in the list,
   * asked at once; each verdict goes to `reached` as soon as it is known, the slowest last.
   */
  checkSources(
    cid: CID,
    signal: AbortSignal,
    reached?: (verdict: RemoteVerification) => void,
  ): Promise<RemoteVerification[]>;
  /** One source, its verified copy saved in the exports folder. */
  fetch(
    cid: CID,
    source: RemoteSource,
    op: { signal: AbortSignal; progress(bytes: number, total: number | null): void },
  ): Promise<RemoteVerification>;
}

export function createVerifyService(options: {
  dataDir: string;
  node: NodeService;
  settings: SettingsService;
  idleTimeoutMs?: number;
}): VerifyService {
  const { node, settings } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const exportsDir = join(options.dataDir, 'exports');

  const nodeClient = () => {
    try {
      return node.kubo();
    } catch {
      return null;
    }
  };

  async function sources(): Promise<ResolvedSource[]> {
    const all: ResolvedSource[] = [];
    const kubo = nodeClient();
    if (kubo) all.push({ name: 'The node', ref: { kind: 'node' }, kind: 'node', kubo });
    const local = (await node.status()).info?.gatewayUrl;
    if (local)
      all.push({
        name: 'Local gateway',
        ref: { kind: 'local-gateway' },
        kind: 'gateway',
        url: local,
        style: 'path',
        transport: transportFor(local),
      });
    for (const gateway of settings.get().share.gateways) {
      if (gateway.enabled) all.push(fromGateway(gateway));
    }
    return all;
  }

  return {
    nodeClient,
    async checkSources(cid, signal, reached) {
      const common = { signal, progress: () => undefined, offline: node.offline(), idleTimeoutMs, saveIn: null };
      return Promise.all(
        (await sources()).map(async (source) => {
          const verdict = await verifyRemote(source, cid, common);
          reached?.(verdict);
          return verdict;
        }),
      );
    },
    async fetch(cid, wanted, op) {
      const all = await sources();
      const source =
        wanted.kind === 'node'
          ? all.find((one) => one.kind === 'node')
          : wanted.kind === 'local-gateway'
            ? all.find((one) => one.ref.kind === 'local-gateway')
            : resolveGateway(wanted.id);
      if (!source)
        throw new AppError(
          'NOT_FOUND',
          'That source is not available: is the node running, is the gateway in the list?',
          { source: wanted.kind === 'gateway' ? wanted.id : wanted.kind },
        );
      return verifyRemote(source, cid, { ...op, offline: node.offline(), idleTimeoutMs, saveIn: exportsDir });
    },
  };

  function resolveGateway(id: string): ResolvedSource | undefined {
    const gateway = settings.get().share.gateways.find((one) => one.id === id);
    return gateway && fromGateway(gateway);
  }
}

function fromGateway(gateway: Gateway): ResolvedSource {
  return {
    name: gateway.name,
    ref: { kind: 'gateway', id: gateway.id },
    kind: 'gateway',
    url: gateway.url,
    style: gateway.style,
    transport: transportFor(gateway.url),
  };
}

/**
 * Kubo writes a CAR about three times slower than it serves the same blocks one by one, and serves a
 * file's own bytes cheaper still (measured on its own gateway), so gateways on this machine are read
 * as the file (raw leaves) and raw blocks; others get one CAR request, kind to their rate limits.
 */
function transportFor(url: string): 'car' | 'file' {
  return isLoopback(new URL(url).hostname) ? 'file' : 'car';
}
