import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback gateway of the tests' own serving these blocks raw, by CID string; 404 for any other. */
export interface BlockGateway {
  url: string;
  /** How many times each CID was asked for. */
  asked: Map<string, number>;
  /** Called as each block is served, before its bytes go out. */
  onServe: ((cid: string) => void) | null;
  /** The answer to a request for a whole CAR (`dag-scope=all`), with its type; none: 404. */
  car: { body: Uint8Array; type: string } | null;
  close(): void;
}

export async function blockGateway(blocks: ReadonlyMap<string, Uint8Array>): Promise<BlockGateway> {
  const gateway: BlockGateway = { url: '', asked: new Map(), onServe: null, car: null, close: () => undefined };
  const server = createServer((request, response) => {
    if (request.url?.includes('dag-scope=all')) {
      const { car } = gateway;
      if (!car) return void response.writeHead(404).end();
      return void response.writeHead(200, { 'Content-Type': car.type }).end(car.body);
    }
    const cid = /^\/ipfs\/([^?/]+)/.exec(request.url ?? '')?.[1] ?? '';
    gateway.asked.set(cid, (gateway.asked.get(cid) ?? 0) + 1);
    const block = blocks.get(cid);
    if (!block) return void response.writeHead(404).end();
    gateway.onServe?.(cid);
    response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(block);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gateway.close = () => {
    server.closeAllConnections();
    server.close();
  };
  return gateway;
}

/** How many blocks were served in all, of those `blocks` holds. */
export function servedOf(gateway: BlockGateway, blocks: ReadonlyMap<string, Uint8Array>): number {
  let served = 0;
  for (const [cid, times] of gateway.asked) if (blocks.has(cid)) served += times;
  return served;
}
