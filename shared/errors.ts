/** Stable error codes that cross the IPC boundary; the UI maps each to what to do next. */
export const errorCodes = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'CANCELLED',
  'NODE_UNAVAILABLE',
  'NODE_ERROR',
  'NODE_UNREACHABLE',
  'NODE_AUTH',
  'NODE_TLS',
  'NOT_KUBO',
  'KUBO_TOO_OLD',
  'REPO_LOCKED',
  'KUBO_BINARY_MISSING',
  'KEYCHAIN_UNAVAILABLE',
  'SECRETS_OBFUSCATED',
  /** A stored secret the keychain cannot open (sealed under another user, or a keychain since reset). */
  'SECRET_UNREADABLE',
  'FILE_UNREADABLE',
  'FILE_CHANGED',
  'SYMLINK_LOOP',
  'FILE_UNWRITABLE',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'UNSUPPORTED',
  'KEY_NOT_FOUND',
  'KEY_PROTECTED',
  'IPNS_NAME_INVALID',
  'IPNS_NOT_FOUND',
  'IPNS_RECORD_EXPIRED',
  'TIMEOUT',
  'DNS_OFFLINE',
  'PIN_SERVICE_AUTH',
  'PIN_SERVICE_UNREACHABLE',
  'PIN_SERVICE_TLS',
  'PIN_SERVICE_RATE_LIMITED',
  'PIN_SERVICE_DOWN',
  'NOT_PINNING_SERVICE',
  'PIN_SERVICE_ERROR',
  /** A tracked pin request's service was removed from Cairn. */
  'PIN_SERVICE_REMOVED',
  /** A tracked pin request's service is missing from settings that could not be read whole: it waits. */
  'PIN_SERVICE_UNKNOWN',
  /** The service no longer knows a pin request it accepted. */
  'PIN_REQUEST_GONE',
  /** The service answered about a pin of other content than the one asked for. */
  'PIN_SERVICE_WRONG_PIN',
  'DISK_FULL',
  /** Another live process's services use the data folder: this one does not start on it. */
  'DATA_FOLDER_IN_USE',
  'INTERNAL',
  /** The renderer's own: main does not answer at all (the browser bridge stopped). */
  'BACKEND_UNREACHABLE',
  /** The renderer's own: the browser bridge holds too many large requests to take another now. */
  'BACKEND_BUSY',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorDetails = Record<string, string | number | boolean | null>;

/** What crosses the boundary: plain data, because Electron drops Error classes and their fields. */
export interface CairnError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: CairnError };

/** Thrown inside main-side services; the dispatcher turns it into a failed Result. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** Any thrown value as it crosses the boundary: an AppError keeps its code and parameters. */
export function cairnErrorOf(error: unknown): CairnError {
  if (error instanceof AppError)
    return error.details
      ? { code: error.code, message: error.message, details: error.details }
      : { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, details?: ErrorDetails): Result<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
