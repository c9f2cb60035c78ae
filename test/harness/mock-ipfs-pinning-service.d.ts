// The package's own "types" field points at a file it does not ship; this is the part we use.
declare module 'mock-ipfs-pinning-service' {
  import type { Server } from 'node:http';
  export interface MockPinStatus {
    requestid: string;
    status: 'queued' | 'pinning' | 'pinned' | 'failed';
    created: string;
    pin: { cid: string; name?: string; meta?: Record<string, string> };
    delegates: string[];
    info?: Record<string, string>;
  }
  /** The whole service state; pins are keyed by CID and listed in the Map's order. */
  export interface MockState {
    accessToken: string | null;
    delegates: string[];
    requestid: number;
    pins: Map<string, MockPinStatus>;
  }
  export interface MockPinningApp {
    listen(port: number, host: string, callback: () => void): Server;
    locals: { state: MockState };
  }
  export function setup(options?: {
    token?: string | null;
    delegates?: string | null;
    loglevel?: 'error' | 'info' | 'debug';
    validator?: boolean;
    strict?: boolean;
  }): Promise<MockPinningApp>;
}
