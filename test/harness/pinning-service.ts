import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setup, type MockPinStatus } from 'mock-ipfs-pinning-service';

export interface TestPinningService {
  /** The Pinning Service API endpoint, on loopback. */
  endpoint: string;
  token: string;
  /** Edits the service's pins in place (the mock never advances a status by itself). */
  edit(change: (pins: MockPinStatus[]) => MockPinStatus[]): void;
  pins(): MockPinStatus[];
  stop(): Promise<void>;
}

/**
 * A real Pinning Service API peer (the IPFS team's mock) on 127.0.0.1. Its delegates are replaced
 * by a loopback address on the discard port: the mock's default ones are documentation addresses
 * that must never be dialed.
 */
export async function startPinningService(): Promise<TestPinningService> {
  const token = randomBytes(16).toString('hex');
  const app = await setup({
    token,
    delegates: '/ip4/127.0.0.1/tcp/9/p2p/12D3KooWJELNdhBEWWqC3KruP312TWnrnSaC74T8PdEpCHJNDehD',
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    token,
    edit(change) {
      const { state } = app.locals;
      app.locals.state = { ...state, pins: new Map(change([...state.pins.values()]).map((pin) => [pin.pin.cid, pin])) };
    },
    pins: () => [...app.locals.state.pins.values()],
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
