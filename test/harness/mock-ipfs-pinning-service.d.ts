// The package's own "types" field points at a file it does not ship; this is the part we use.
declare module 'mock-ipfs-pinning-service' {
  import type { Server } from 'node:http';
  export interface MockPinningApp {
    listen(port: number, host: string, callback: () => void): Server;
  }
  export function setup(options?: {
    token?: string | null;
    delegates?: string | null;
    loglevel?: 'error' | 'info' | 'debug';
    validator?: boolean;
    strict?: boolean;
  }): Promise<MockPinningApp>;
}
