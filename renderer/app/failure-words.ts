import type { CairnError, ErrorCode } from '../../shared/errors';

/**
 * The sentence a person reads for a failure's code. Where main's message is raw (a schema's words, a
 * Kubo error, a bridge status), the code says everything a person needs and the raw text goes to
 * Details; where main built a sentence from the failure's own parameters (a name that exists, a path
 * not found), that sentence is kept.
 */
const plain: Partial<Record<ErrorCode, string>> = {
  VALIDATION: 'Cairn could not accept what was sent: check what you typed and try again.',
  UNKNOWN_CHANNEL: 'This version of Cairn does not know that action: restart Cairn.',
  FORBIDDEN: 'Cairn refused the request from this window: reload it.',
  NODE_UNAVAILABLE: 'The IPFS node is not running: start it in Node.',
  NODE_ERROR: 'The IPFS node could not do it.',
  NODE_UNREACHABLE: 'The IPFS node does not answer: check that it is running, or choose another in Node.',
  NODE_AUTH: 'The IPFS node refused Cairn’s credentials: check them in Settings.',
  NODE_TLS: 'The IPFS node’s certificate is not trusted.',
  NOT_KUBO: 'That address answers, but not as an IPFS (Kubo) node.',
  KUBO_TOO_OLD: 'That IPFS node is too old for Cairn: update Kubo.',
  KEYCHAIN_UNAVAILABLE: 'The system keychain is not available, so secrets cannot be stored.',
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
  const sentence = plain[error.code];
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
