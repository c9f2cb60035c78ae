import { isAbsolute, resolve } from 'node:path';

/** Something the OS asked Cairn to open: an ipfs:// or ipns:// link, or a CAR file to import. */
export type OpenRequest = { kind: 'link'; url: string } | { kind: 'car'; path: string };

const LINK = /^(ipfs|ipns):\/\/\S+$/i;

/**
 * What a command line asks Cairn to open (Windows and Linux pass links and files as arguments, to the
 * first instance or, through the single-instance lock, to the running one). Flags, the executable and
 * the app path are not requests, nor URLs of other schemes; relative CAR paths are relative to the launching process's folder.
 */
export function openRequestsFromArgv(argv: readonly string[], workingDirectory: string): OpenRequest[] {
  const requests: OpenRequest[] = [];
  for (const arg of argv.slice(1)) {
    if (LINK.test(arg)) requests.push({ kind: 'link', url: arg });
    else if (!arg.startsWith('-') && !arg.includes('://') && /\.car$/i.test(arg)) {
      requests.push({ kind: 'car', path: isAbsolute(arg) ? arg : resolve(workingDirectory, arg) });
    }
  }
  return requests;
}

/**
 * Holds open requests until the window can take them (they arrive before it exists, or while it
 * loads), then hands each over once, in order.
 */
export function createOpenHandOff(deliver: (request: OpenRequest) => void): {
  receive(requests: readonly OpenRequest[]): void;
  ready(): void;
  notReady(): void;
} {
  let pending: OpenRequest[] = [];
  let isReady = false;
  return {
    receive(requests) {
      if (isReady) requests.forEach(deliver);
      else pending.push(...requests);
    },
    ready() {
      isReady = true;
      const waiting = pending;
      pending = [];
      waiting.forEach(deliver);
    },
    notReady() {
      isReady = false;
    },
  };
}
