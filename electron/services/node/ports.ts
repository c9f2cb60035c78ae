import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { kubo, type KuboRepo } from './kubo-process';

export interface PortChange {
  setting: 'Addresses.API' | 'Addresses.Gateway' | 'Addresses.Swarm';
  from: string;
  to: string;
  /** 'taken': another program held the port; 'chosen': the config said 0 (any port), now one port for good. */
  why: 'taken' | 'chosen';
}

interface Addresses {
  API: string | string[];
  Gateway: string | string[];
  Swarm: string[];
}

/**
 * Moves the repo's API, gateway and swarm addresses off ports something else already holds (another
 * IPFS node on 5001/8080/4001, say), to free ones the OS picks, and writes the new ones to the config.
 * An API or gateway on port 0 (Kubo's test profile, offline mode) gets a free port chosen once and
 * kept, so links to the local gateway survive restarts; swarm ports appear in no link and stay 0.
 */
export async function moveOffBusyPorts(repo: KuboRepo): Promise<PortChange[]> {
  const addresses = await readAddresses(repo.repoPath);
  // None to move: Kubo says what it makes of a config without them.
  if (!addresses) return [];
  const changes: PortChange[] = [];
  for (const setting of ['API', 'Gateway', 'Swarm'] as const) {
    const before = addresses[setting];
    const list = Array.isArray(before) ? before : [before];
    const after: string[] = [];
    const moves: PortChange[] = [];
    for (const address of list) {
      const moved = await freeAddressFor(address, setting !== 'Swarm');
      if (moved) moves.push({ setting: `Addresses.${setting}`, from: address, ...moved });
      after.push(moved?.to ?? address);
    }
    if (moves.length === 0) continue;
    const value = Array.isArray(before) ? after : after[0];
    const write = kubo(repo, ['config', '--json', `Addresses.${setting}`, JSON.stringify(value)]);
    if (moves.some((move) => move.why === 'taken')) await write;
    // A lasting port can wait: a repo Kubo cannot open now (to be migrated, newer, locked) keeps "any port"
    // this once, and the daemon says why it cannot start.
    else if (!(await write.then(() => true).catch(() => false))) continue;
    changes.push(...moves);
  }
  return changes;
}

/**
 * The config's addresses, read from the file rather than `ipfs config`, which refuses a repo that
 * still needs a migration. A config that is not JSON (cut short, overwritten) is named, untouched.
 */
async function readAddresses(repoPath: string): Promise<Addresses | null> {
  const file = join(repoPath, 'config');
  let config: unknown;
  try {
    config = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError(
      'NODE_ERROR',
      `The repo's config file ${file} cannot be read as JSON (${error instanceof Error ? error.message : String(error)}). Cairn changed nothing in it.`,
      { action: 'read-config', target: file },
      { cause: error },
    );
  }
  const addresses = (config as { Addresses?: unknown } | null)?.Addresses;
  return addresses && typeof addresses === 'object' ? (addresses as Addresses) : null;
}

/**
 * The same address on a free port, and why, when it has to change: its port is taken, or it is 0 and
 * `fixZero` asks for a lasting one. Null when it stays as it is (a free port, 0 otherwise, not IP).
 */
async function freeAddressFor(address: string, fixZero: boolean): Promise<Pick<PortChange, 'to' | 'why'> | null> {
  const match = /^\/(ip4|ip6)\/([^/]+)\/(tcp|udp)\/(\d+)(\/.*)?$/.exec(address);
  if (!match) return null;
  const [, family, host = '', transport, port, rest = ''] = match;
  const protocol = transport === 'udp' ? 'udp' : 'tcp';
  if (port === '0' ? !fixZero : await isFree(protocol, host, Number(port))) return null;
  const free = await pickFreePort(protocol, host);
  return { to: `/${family}/${host}/${transport}/${free}${rest}`, why: port === '0' ? 'chosen' : 'taken' };
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
