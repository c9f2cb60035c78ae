import type { IncomingMessage } from 'node:http';
import { CarBlockIterator } from '@ipld/car';
import type { CID } from 'multiformats/cid';
import { buildLink } from '../../../shared/links/build-link';
import type { GatewayStyle } from '../../../shared/settings';
import { gatewayGet } from '../gateways/gateway-request';
import { rpc, type RpcTarget } from '../node/remote';
import { RemoteFailure, type BlockSource } from './verify-dag';

/** Depth first with duplicates: the stream is then exactly the walk, and nothing needs keeping. */
const CAR_ACCEPT = 'application/vnd.ipld.car; version=1; order=dfs; dups=y';
const BLOCK_TIMEOUT_MS = 30_000;

/**
 * The whole DAG from a gateway as one CAR (trustless: `dag-scope=all`), read block by block as it
 * arrives. Anything that is not a CAR is refused before a byte of it is used.
 */
export async function carFromGateway(
  gateway: { url: string; style: GatewayStyle },
  cid: CID,
  options: { idleTimeoutMs: number; signal: AbortSignal },
): Promise<BlockSource> {
  const host = new URL(gateway.url).host;
  const link = buildLink({ namespace: 'ipfs', cid, path: [] }, gateway.style, gateway.url);
  let response: IncomingMessage;
  try {
    response = await gatewayGet(`${link.url}?dag-scope=all`, CAR_ACCEPT, options.idleTimeoutMs, options.signal);
  } catch (error) {
    throw failureOf(error, host, options);
  }
  const status = response.statusCode ?? 0;
  if (status !== 200) {
    response.resume();
    if (status === 404) throw new RemoteFailure('not-found', `${host} does not have this CID (HTTP 404).`);
    throw new RemoteFailure(
      'refused',
      `${host} answered HTTP ${status}${status === 504 ? ': it could not find the content in time' : ''}.`,
    );
  }
  const type = response.headers['content-type'] ?? '';
  if (!type.startsWith('application/vnd.ipld.car')) {
    response.destroy();
    throw new RemoteFailure(
      'wrong-type',
      type.includes('text/html')
        ? `${host} sent an HTML page instead of the content's blocks.`
        : `${host} sent ${type || 'no content type'} instead of a CAR of the content's blocks.`,
    );
  }
  let blocks: AsyncIterator<{ cid: CID; bytes: Uint8Array }>;
  try {
    blocks = (await CarBlockIterator.fromIterable(response))[Symbol.asyncIterator]();
  } catch (error) {
    response.destroy();
    throw failureOf(error, host, options, 'its CAR does not start with a valid header');
  }
  return {
    async next() {
      try {
        const block = await blocks.next();
        return block.done ? null : block.value.bytes;
      } catch (error) {
        throw failureOf(error, host, options, 'its CAR broke off in the middle of a block');
      }
    },
    close: () => response.destroy(),
  };
}

/** Each block from the node's own blockstore (`offline`: never a network search). */
export function blocksFromNode(target: RpcTarget): BlockSource {
  return {
    async next(expected) {
      const response = await rpc(
        target,
        'block/get',
        { arg: expected.toString(), offline: 'true' },
        BLOCK_TIMEOUT_MS,
      ).catch((error: unknown) => {
        throw failureOf(error, 'The node', { idleTimeoutMs: BLOCK_TIMEOUT_MS });
      });
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      const text = await response.text();
      if (/not found/i.test(text)) return null;
      throw new RemoteFailure('refused', `The node refused block ${expected.toString()}: ${text.slice(0, 200)}`);
    },
    close: () => undefined,
  };
}

function failureOf(
  error: unknown,
  host: string,
  options: { idleTimeoutMs: number; signal?: AbortSignal },
  broken?: string,
): RemoteFailure {
  if (error instanceof RemoteFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'timeout' || (error instanceof Error && error.name === 'TimeoutError')) {
    return new RemoteFailure('timeout', `${host} stopped sending for ${options.idleTimeoutMs / 1000} s.`);
  }
  if (options.signal?.aborted && error instanceof Error && error.name === 'AbortError') {
    return new RemoteFailure('cancelled', 'Cancelled.');
  }
  if (broken) return new RemoteFailure('truncated', `${host} did not send everything: ${broken} (${message}).`);
  return new RemoteFailure('unreachable', `${host} cannot be reached (${message}).`);
}
