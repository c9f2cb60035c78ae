export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Plain console logging with a scope; secrets are never passed to a logger in the first place. */
export function createLogger(scope: string, sink: Pick<Console, 'log' | 'warn' | 'error'> = console): Logger {
  const prefix = `[${scope}]`;
  return {
    info: (message) => sink.log(prefix, message),
    warn: (message) => sink.warn(prefix, message),
    error: (message, error) => (error === undefined ? sink.error(prefix, message) : sink.error(prefix, message, error)),
  };
}
