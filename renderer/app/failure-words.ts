import type { CairnError, ErrorCode, ErrorDetails } from '../../shared/errors';
import { deceptiveCharacters, quoted } from '../../shared/hidden-characters';
import { isNameFault } from '../../shared/links/dnslink-name';
import { refusalWords, type CidRefusal } from '../../shared/links/kubo-refusal';
import { formatBytes } from './format';
import { nameFaultWords } from './link-words';

const text = (value: ErrorDetails[string] | undefined): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : null;

/** The host a pinning service answers at, as main names it. */
const service = (details: ErrorDetails): string | null => text(details.service);
const atService = (details: ErrorDetails): string => {
  const host = service(details);
  return host ? `The pinning service at ${host}` : 'The pinning service';
};

/** What is wrong with something the user typed or chose (VALIDATION's `problem`), from its parameters. */
const typedWords: Record<string, (details: ErrorDetails) => string | null> = {
  'not-a-cid': ({ input }) => `“${text(input)}” is not a CID: check that it was copied whole.`,
  'kubo-refuses': ({ input, refusal, hash, size }) => {
    const words = (why: CidRefusal) => refusalWords(text(input) ?? '', why);
    if (refusal === 'insecure-hash' && typeof hash === 'string') return words({ refusal, hash });
    if (refusal === 'digest-too-small' && typeof hash === 'string' && typeof size === 'number')
      return words({ refusal, hash, size });
    // Only an inline (identity) digest was refused as too large before the refusal named its hash.
    if (refusal === 'digest-too-large' && typeof size === 'number')
      return words({ refusal, size, hash: typeof hash === 'string' ? hash : 'identity' });
    return null;
  },
  'not-content': ({ input }) =>
    `“${text(input)}” is not a CID or an IPFS link: paste a CID, an /ipfs/ path, an ipfs:// link or a gateway link.`,
  'not-unixfs': ({ input, codec }) =>
    `${text(input)} is ${text(codec)} data, not a file or folder: only files and folders can be imported into Files.`,
  'ipns-name': ({ input }) =>
    `${text(input)} is a name that points to content, not the content itself: open it in Names to import what it points to.`,
  'name-not-cid': () => 'That is a name that points to content: Verify needs the CID of the content itself.',
  'path-inside': () => 'Paste the CID of the content itself, not a path inside it.',
  'name-to-name': () => 'A name cannot point to another name here: publish a CID or a Files path.',
  'not-publishable': ({ input }) =>
    `“${text(input)}” is not something a name can point to: publish a CID, an /ipfs/ path or a Files path (/photos).`,
  'not-a-web-link': () => 'Only web links (http and https) can be opened.',
  'secret-missing': ({ secret, name, header, savedElsewhere }) => {
    const what = secret === 'header' ? `value of the header ${text(header)}` : text(secret);
    const again = savedElsewhere ? ' again: a saved one is only sent to the address it was saved with' : '';
    return `Enter the ${what}${text(name) ? ` for ${text(name)}` : ''}${again}.`;
  },
  'not-registered': ({ name }) =>
    `${text(name)} is not set up on the IPFS node itself: register it with the node in Settings first.`,
  'not-a-folder': ({ path }) => `${text(path)} is not a folder: choose a folder.`,
  'not-a-repo': ({ path }) =>
    `${text(path)} holds other files and no IPFS node: choose an IPFS node’s folder, or an empty folder for a new one.`,
  'not-a-key-file': () =>
    'This file is not a key the IPFS node can read: choose a key exported by Cairn or by IPFS, or a PEM private key.',
  'disk-name': ({ name }) => {
    const given = text(name) ?? '';
    return deceptiveCharacters(given).length > 0
      ? `${quoted(given)} holds a hidden character that would make it read as another name, so nothing was written: rename it in Files first, or download it as a CAR.`
      : `${quoted(given)} cannot be a file name on this computer: give it another name first.`;
  },
  'outside-folder': ({ name }) =>
    `${quoted(text(name) ?? '')} would land outside the chosen folder, so nothing was written.`,
  'root-move': () => 'The top folder of Files cannot be moved or renamed.',
  'root-delete': () => 'The top folder of Files cannot be deleted.',
  'into-itself': () => 'A folder cannot be moved into itself.',
  'not-a-car': ({ path }) => `${text(path)} is not a CAR file: it holds no content to import.`,
  'too-large': ({ name }) => `${text(name)} is too large to be sent from this window: add it from disk instead.`,
  'invalid-field': ({ fieldWords }) => asSentence(text(fieldWords)),
};

/** A schema's words for a field ("a name is required") as a sentence of their own. */
function asSentence(words: string | null): string | null {
  if (!words) return null;
  const capital = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** What the IPFS node failed to do (NODE_ERROR's `action`), with what it was about (`target`). */
const nodeActionWords: Record<string, (target: string) => string> = {
  init: (repo) => `The IPFS node could not set up its storage at ${repo}.`,
  start: () => 'The IPFS node did not start.',
  'read-config': (file) =>
    `The IPFS node’s config file ${file} is damaged, so the node cannot start. Cairn changed nothing in it: restore it from a backup, or choose another repo in Settings.`,
  add: (name) => `The IPFS node did not finish adding ${name}: try again.`,
  pin: (what) => `The IPFS node could not pin ${what}.`,
  'import-with-profile': (profile) =>
    `The IPFS node cannot take content built with the ${profile} profile: apply that profile to the node, or upload with the node’s own settings.`,
  name: (path) => `${path} and the numbered names after it are all taken in Files: choose another folder.`,
  list: (folder) => `The IPFS node stopped partway through listing ${folder}: try again.`,
  export: () => 'The IPFS node stopped sending partway, so the export is not complete: try again.',
  'register-service': (service) => `The IPFS node could not add the pinning service ${quoted(service)}.`,
  key: (key) => `The IPFS node refused to create, rename, remove or import the key ${quoted(key)}.`,
  'export-key': (key) => `The IPFS node could not export the key ${quoted(key)}.`,
  publish: (key) => `The IPFS node could not publish under ${quoted(key)}.`,
  resolve: (name) => `The IPFS node could not look up ${name}.`,
  'resolve-to-content': (name) => `${name} points to something that is not content Cairn can open.`,
  'copy-into-files': (path) => `The IPFS node could not copy it into Files at ${path}.`,
};

/**
 * The sentence a person reads for a failure's code, written here from the code and its parameters;
 * main's message (a schema's words, a Kubo error, an errno) goes to Details. Where there is no
 * sentence for a code yet (a function's null, or no entry), main's message is kept.
 */
const plain: Partial<Record<ErrorCode, string | ((details: ErrorDetails) => string | null)>> = {
  VALIDATION: (details) => {
    const problem = text(details.problem);
    return (
      (problem && typedWords[problem]?.(details)) ??
      'Cairn could not accept what was sent: check what you typed and try again.'
    );
  },
  UNKNOWN_CHANNEL: 'This version of Cairn does not know that action: restart Cairn.',
  FORBIDDEN: 'Cairn refused the request from this window: reload it.',
  NODE_UNAVAILABLE: 'The IPFS node is not running: start it in Node.',
  NODE_ERROR: (details) => {
    const apiFile = text(details.apiFile);
    if (apiFile && details.problem === 'api-elsewhere') {
      return `The repo says its node is at ${apiFile}, on another computer: Cairn runs its own node only on this one. Add that node as a remote node, or choose another repo.`;
    }
    if (apiFile) {
      return `Something that is not an IPFS node Cairn can use answers at ${apiFile}, where the repo says its node is. Stop that program, or add it as a remote node with its credentials.`;
    }
    if (text(details.exit)) return 'The IPFS node stopped unexpectedly.';
    const action = text(details.action);
    return (action && nodeActionWords[action]?.(text(details.target) ?? '')) ?? 'The IPFS node could not do it.';
  },
  NODE_UNREACHABLE: 'The IPFS node does not answer: check that it is running, or choose another in Node.',
  NODE_AUTH: 'The IPFS node refused Cairn’s credentials: check them in Settings.',
  NODE_TLS: 'The IPFS node’s certificate is not trusted.',
  NOT_KUBO: 'That address answers, but not as an IPFS (Kubo) node.',
  KUBO_TOO_OLD: 'That IPFS node is too old for Cairn: update Kubo.',
  KUBO_BINARY_MISSING: (details) => {
    const path = text(details.path);
    return path
      ? `${path} is not an IPFS (Kubo) program, so Cairn did not start it: choose another one in Settings.`
      : 'Cairn found no IPFS (Kubo) program to run: install Kubo, or choose its program in Settings.';
  },
  KEYCHAIN_UNAVAILABLE: 'The system keychain is not available, so secrets cannot be stored.',
  SECRET_UNREADABLE:
    'A saved token or password cannot be opened with this computer’s keychain (it was saved under another user, or the keychain was reset): enter it again in Settings. Cairn keeps the sealed copy.',
  REPO_LOCKED: (details) => {
    const command = text(details.command);
    const who = command ? `Another program (${command}, process ${text(details.pid)})` : 'Another program';
    return `${who} is using the IPFS node’s repo. Cairn changed nothing in it: quit that program and restart the node, or choose another repo in Settings.`;
  },
  DISK_FULL: (details) => {
    const path = text(details.path);
    return `${path ? `The disk holding ${path}` : 'The disk holding the IPFS node’s data'} is full: free some space and try again.`;
  },
  FILE_UNREADABLE: (details) => {
    const path = text(details.path);
    if (!path) return null;
    switch (details.problem) {
      case 'gone':
        return `${path} is no longer there: it was moved or deleted after it was chosen.`;
      case 'denied':
        return `Cairn may not read ${path}: check its permissions.`;
      case 'not-regular':
        return `${path} is neither a file nor a folder, so Cairn cannot add it.`;
      case 'broken-symlink':
        return `${path} is a symlink to something that is missing or cannot be read.`;
      case 'symlink-skipped':
        return `${path} is a symlink, and Upload options are set to skip symlinks.`;
      case 'name-not-utf8':
        return `The name of ${path} is not UTF-8 (� stands for what cannot be shown), so Cairn cannot read it: rename it and try again.`;
      case 'incomplete':
        return `Only ${formatBytes(Number(details.received))} of ${path} (${formatBytes(Number(details.size))}) reached Cairn before the page stopped sending it: drop the file again.`;
      default:
        return `Cairn could not read ${path}.`;
    }
  },
  SYMLINK_LOOP: (details) => {
    const path = text(details.path);
    return path ? `${path} is a symlink that leads back into a folder above it, so adding it would never end.` : null;
  },
  UNSUPPORTED: (details) => {
    const path = text(details.path);
    if (path && details.problem === 'not-regular') {
      return `${path} is a pipe, socket or device, not a file: Cairn adds files and folders only.`;
    }
    return details.problem === 'no-gateway' ? 'This IPFS node has no gateway Cairn knows of.' : null;
  },
  FILE_CHANGED: (details) => {
    const path = text(details.path);
    return path ? `${path} changed while Cairn was reading it: retry to use it as it is now.` : null;
  },
  CANCELLED: 'Cancelled.',
  FILE_UNWRITABLE: (details) => {
    const path = text(details.path);
    return path ? `Cairn could not write ${path}: check that the folder exists and that you may write to it.` : null;
  },
  ALREADY_EXISTS: (details) => {
    const path = text(details.path);
    const key = text(details.key);
    const destination = text(details.destination);
    if (path) return `Files already has an item at ${path}: choose another name.`;
    if (destination) return `${destination} already exists on this computer: choose another folder.`;
    return key ? `A key named ${quoted(key)} already exists: choose another name.` : null;
  },
  KEY_PROTECTED: (details) => {
    const refused = text(details.refused);
    return refused
      ? `“self” is the IPFS node’s own identity: it cannot be ${refused}. Create another key for names you want to manage.`
      : null;
  },
  IPNS_NAME_INVALID: (details) => {
    const input = text(details.input);
    if (!input) return null;
    if (details.problem === 'immutable') {
      return `“${input}” is an immutable CID (/ipfs/), not an IPNS name: it always points to the same content. Open it in Share instead.`;
    }
    if (details.problem === 'broken-key') {
      return `“${input}” starts like an IPNS key but is not a valid one: check that it was copied whole.`;
    }
    const problem = text(details.problem);
    if (isNameFault(problem)) return nameFaultWords(input, problem, false);
    return `“${input}” is not an IPNS name: paste a key (k51…), a domain with DNSLink (example.org) or an ipns:// link.`;
  },
  DNS_OFFLINE: (details) => {
    const name = text(details.name);
    return name
      ? `${name} is a domain name, and looking it up means asking DNS: offline mode is on, so Cairn does not.`
      : null;
  },
  IPNS_RECORD_EXPIRED: (details) => {
    const name = text(details.name);
    const until = text(details.validUntil);
    return name && until
      ? `The record for ${name} expired on ${new Date(until).toLocaleString()}: publish the name again, with a longer lifetime, to bring it back.`
      : null;
  },
  IPNS_NOT_FOUND: (details) => {
    const name = text(details.name);
    if (!name) return null;
    const where = details.offline ? ' on this node (offline mode: the network is not asked)' : '';
    return `No current record for ${name} was found${where}: it was never published, or its record expired.`;
  },
  KEY_NOT_FOUND: (details) => {
    const key = text(details.key);
    return key ? `The node has no key named ${quoted(key)}.` : null;
  },
  NOT_FOUND: (details) => {
    const path = text(details.path);
    if (path) return `Files has nothing at ${path}.`;
    const content = text(details.content);
    if (content) return `The IPFS node could not find ${content}: it does not have it, and no one it asked did.`;
    const unpublishable = text(details.unpublishable);
    if (unpublishable) return `The IPFS node does not have ${unpublishable}, so it cannot publish it: add it first.`;
    const service = text(details.service);
    if (service) return `The pinning service at ${service} has no such pin.`;
    if (text(details.serviceId)) return 'That pinning service is no longer in Cairn: it may have been removed.';
    if (text(details.profile)) return 'That remote node is no longer in Cairn’s list: it may have been removed.';
    if (text(details.pinRequest)) return 'That pin request is no longer followed by Cairn: it may have been removed.';
    if (text(details.binding)) return 'No folder is kept published under that name any more.';
    if (text(details.source))
      return 'That source is not available now: check that the node is running and the gateway is still in the list.';
    return null;
  },
  PIN_SERVICE_AUTH: (details) =>
    `${atService(details)} refused the access token: check the token, or make a new one in your account there.`,
  PIN_SERVICE_UNREACHABLE: (details) => {
    const seconds = text(details.timeoutS);
    if (seconds) return `${atService(details)} did not answer within ${seconds} seconds.`;
    return `${atService(details)} does not answer: check its address and this computer’s connection.`;
  },
  PIN_SERVICE_TLS: (details) =>
    `The secure connection to the pinning service${service(details) ? ` at ${service(details)}` : ''} failed: its certificate is not trusted.`,
  PIN_SERVICE_RATE_LIMITED: (details) => {
    const seconds = text(details.waitS);
    return seconds
      ? `${atService(details)} asks Cairn to wait ${seconds} seconds; Cairn asks again then.`
      : `${atService(details)} asks Cairn to slow down; Cairn waits and asks again.`;
  },
  PIN_SERVICE_DOWN: (details) => `${atService(details)} is having trouble right now; Cairn asks again later.`,
  NOT_PINNING_SERVICE: (details) => {
    const location = text(details.location);
    if (location)
      return `${service(details) ?? 'That address'} sends Cairn on to ${location}, which Cairn does not follow with the access token: if that is the service’s new address, enter it in the service’s settings.`;
    return `${service(details) ?? 'That address'} answers, but not as a pinning service: check the address, which is the service’s Pinning Service API address.`;
  },
  PIN_SERVICE_ERROR: (details) => {
    const said = text(details.serviceReason);
    return `${atService(details)} refused the request${said ? `, saying ${quoted(said)}` : ''}.`;
  },
  PIN_SERVICE_REMOVED: 'This pinning service was removed from Cairn.',
  PIN_SERVICE_UNKNOWN:
    'This pinning service is missing from the settings, which could not be read whole: the request waits, and goes on once the service is back.',
  PIN_SERVICE_WRONG_PIN: (details) =>
    `${atService(details)} answered about other content than this pin, so Cairn does not count this content as kept there. Retry to ask again.`,
  PIN_REQUEST_GONE: 'The service no longer has this pin request: it may have been removed there. Retry to ask again.',
  TIMEOUT: 'It took too long and was stopped: try again.',
  INTERNAL: 'Something went wrong inside Cairn.',
  BACKEND_UNREACHABLE: 'Cairn’s background process does not answer. Cairn reconnects as soon as it is back.',
  BACKEND_BUSY: 'Cairn is still receiving other files: try again in a moment.',
};

/** Failures the user has to do something about: their notices stay until closed. */
const needsAction = new Set<ErrorCode>([
  'NODE_UNAVAILABLE',
  'NODE_UNREACHABLE',
  'NODE_AUTH',
  'NODE_TLS',
  'REPO_LOCKED',
  'KUBO_BINARY_MISSING',
  'KEYCHAIN_UNAVAILABLE',
  'SECRETS_OBFUSCATED',
  'SECRET_UNREADABLE',
  'FILE_UNWRITABLE',
  'DISK_FULL',
  'PIN_SERVICE_AUTH',
  'INTERNAL',
]);

export interface FailureWords {
  /** The plain sentence. */
  reason: string;
  /** Codes, parameters and raw words, for the Details disclosure; null when there are none to add. */
  details: string | null;
  mustAct: boolean;
}

export function wordsFor(error: CairnError): FailureWords {
  const entry = plain[error.code];
  const sentence = typeof entry === 'function' ? entry(error.details ?? {}) : entry;
  const parameters = error.details
    ? Object.entries(error.details).map(([key, value]) => `${key}: ${String(value)}`)
    : [];
  const raw = sentence ? [error.message] : [];
  return {
    reason: sentence ?? error.message,
    details: [`Code: ${error.code}`, ...raw, ...parameters].join('\n'),
    mustAct: needsAction.has(error.code),
  };
}
