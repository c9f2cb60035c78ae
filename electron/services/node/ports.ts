import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { kubo, type KuboRepo } from './kubo-process';

export interface PortChange {
  setting: 'Addresses.API' | 'Addresses.Gateway' | 'Addresses.Swarm';
  from: string;
  to: string;
}

interface Addresses {
  API: string | string[];
  Gateway: string | string[];
  Swarm: string[];
}

/**
 * Moves the repo's API, gateway and swarm addresses off ports something else already holds (another
 * IPFS node on 5001/8080/4001, say), to free ones the OS picks, and writes the new ones to the config.
 * Port 0 already means "any free port" and is left alone.
 */
export async function moveOffBusyPorts(repo: KuboRepo): Promise<PortChange[]> {
  // Read from the file rather than `ipfs config`, which refuses a repo that still needs a migration.
  const config = JSON.parse(await readFile(join(repo.repoPath, 'config'), 'utf8')) as { Addresses: Addresses };
  const addresses = config.Addresses;
  const changes: PortChange[] = [];
  for (const setting of ['API', 'Gateway', 'Swarm'] as const) {
    const before = addresses[setting];
    const list = Array.isArray(before) ? before : [before];
    const after: string[] = [];
    for (const address of list) {
      const moved = await freeAddressFor(address);
      if (moved !== address) changes.push({ setting: `Addresses.${setting}`, from: address, to: moved });
      after.push(moved);
    }
    if (after.some((address, i) => address !== list[i])) {
      const value = Array.isArray(before) ? after : after[0];
      await kubo(repo, ['config', '--json', `Addresses.${setting}`, JSON.stringify(value)]);
    }
  }
  return changes;
}

/** The address itself when its port is free (or 0, or not IP), else the same address on a free port. */
async function freeAddressFor(address: string): Promise<string> {
  const match = /^\/(ip4|ip6)\/([^/]+)\/(tcp|udp)\/(\d+)(\/.*)?$/.exec(address);
  if (!match) return address;
  const [, family, host = '', transport, port, rest = ''] = match;
  if (port === '0' || (await isFree(transport === 'udp' ? 'udp' : 'tcp', host, Number(port)))) return address;
  const free = await pickFreePort(transport === 'udp' ? 'udp' : 'tcp', host);
  return `/${family}/${host}/${transport}/${free}${rest}`;
}

function isFree(transport: 'tcp' | 'udp', host: string, port: number): Promise<boolean> {
  return bind(transport, host, port).then(
    () => true,
    () => false,
  );
}

async function pickFreePort(transport: 'tcp' | 'udp', host: string): Promise<number> {
  return bind(transport, host, 0);
}

/** Binds and releases at once; resolves with the port bound. */
function bind(transport: 'tcp' | 'udp', host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (transport === 'udp') {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', reject);
      socket.bind(port, host, () => {
        const bound = socket.address().port;
        socket.close(() => resolve(bound));
      });
      return;
    }
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}
