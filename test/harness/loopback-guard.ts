import { Socket } from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

type Lookup = (host: string, options: object, callback: (error: Error | null, address: string) => void) => void;

/**
 * A `*.localhost` name is loopback only where the connection resolves it so itself (gateway-request
 * does, as browsers do): its own lookup must answer a loopback address at once, before any DNS.
 */
function resolvesToLoopback(host: string, lookup: unknown): boolean {
  if (!host.endsWith('.localhost') || typeof lookup !== 'function') return false;
  let loopback = false;
  (lookup as Lookup)(host, {}, (error, address) => (loopback = error === null && LOOPBACK.has(address)));
  return loopback;
}

/**
 * Until restored, every TCP socket this process opens to a host other than loopback is recorded in
 * `dialed` and fails as a refused connection before any name lookup: Node's fetch and node:http
 * both connect through net.Socket.
 */
export function guardLoopback(): { dialed: string[]; restore(): void } {
  const dialed: string[] = [];
  const original = Object.getOwnPropertyDescriptor(Socket.prototype, 'connect') as PropertyDescriptor;
  const connect = original.value as (this: Socket, ...args: unknown[]) => Socket;
  Object.defineProperty(Socket.prototype, 'connect', {
    ...original,
    value: function guarded(this: Socket, ...args: unknown[]): Socket {
      // net.connect passes its arguments normalized, as one array; a socket without a port is a local pipe.
      const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
      const options =
        typeof first === 'object' && first !== null
          ? (first as { host?: unknown; port?: unknown; lookup?: unknown })
          : {};
      const host = typeof first === 'number' ? args[1] : options.port === undefined ? null : options.host;
      const target = typeof host === 'string' ? host : 'localhost';
      if (host === null || LOOPBACK.has(target) || resolvesToLoopback(target, options.lookup)) {
        return connect.apply(this, args);
      }
      dialed.push(target);
      process.nextTick(() => this.destroy(new Error(`refused to dial ${target}: tests stay on loopback`)));
      return this;
    },
  });
  return { dialed, restore: () => Object.defineProperty(Socket.prototype, 'connect', original) };
}
