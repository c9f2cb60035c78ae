import { once } from 'node:events';
import { lstat, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger as Pino } from 'pino';
import roll from 'pino-roll';
import { redactSecrets } from './redact';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The logs folder inside the data folder, and the base name of its rotating files (cairn.1.log...). */
export const LOGS_FOLDER = 'logs';
const LOG_FILE = 'cairn';
/** The last warnings and errors, kept for "Copy diagnostics". */
const RECENT_PROBLEMS = 20;

let file: Pino | null = null;
const recent: string[] = [];

/**
 * Writes every log line, from then on, to rotating files in `<dataDir>/logs` as JSON lines (pino):
 * 5 MB a file, 5 kept. The console keeps getting the same lines.
 */
export async function startLogFile(dataDir: string): Promise<string> {
  const folder = join(dataDir, LOGS_FOLDER);
  const setAside = await setAsideLinks(folder);
  const stream = await roll({
    file: join(folder, LOG_FILE),
    extension: '.log',
    size: '5m',
    limit: { count: 5 },
    mkdir: true,
    // Each line written as it is logged: written asynchronously, a flush before quitting could write
    // the lines after one still on its way before it, and a test reading the file found them swapped.
    sync: true,
  });
  // Opened during roll(), and said on the next tick: waited for, so that a file it cannot open fails here.
  await once(stream, 'ready');
  file = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  for (const { path, aside, why } of setAside) createLogger('log').warn(`${path} ${why}: moved to ${aside}`);
  return folder;
}

const LINK = 'is a symbolic link, which Cairn does not follow';

/**
 * Moves aside, unfollowed, a symbolic link in the logs folder's place or among its files: the
 * rotating files are opened to append, and would append to whatever a planted link points to. A
 * file in the folder's place goes aside too: the log could not start, nor the app.
 */
async function setAsideLinks(folder: string): Promise<{ path: string; aside: string; why: string }[]> {
  const found = await lstat(folder).catch(() => null);
  if (!found) return [];
  const links = !found.isDirectory()
    ? [folder]
    : (
        await Promise.all(
          (await readdir(folder)).map(async (name) => {
            const path = join(folder, name);
            return (await lstat(path)).isSymbolicLink() ? [path] : [];
          }),
        )
      ).flat();
  return Promise.all(
    links.map(async (path) => {
      const aside = `${path}.unreadable-${Date.now()}`;
      await rename(path, aside);
      return { path, aside, why: path === folder && found.isFile() ? 'is a file, not a folder' : LINK };
    }),
  );
}

/** The last warnings and errors, secrets already cut out, oldest first. */
export function recentProblems(): readonly string[] {
  return recent;
}

/** Logging with a scope; secrets in messages and errors are redacted before they go anywhere. */
export function createLogger(scope: string, sink: Pick<Console, 'log' | 'warn' | 'error'> = console): Logger {
  const prefix = `[${scope}]`;
  const remember = (level: string, text: string) => {
    recent.push(`${new Date().toISOString()} ${level} ${prefix} ${text}`);
    if (recent.length > RECENT_PROBLEMS) recent.shift();
  };
  return {
    info(message) {
      const text = redactSecrets(message);
      sink.log(prefix, text);
      file?.info({ scope }, text);
    },
    warn(message) {
      const text = redactSecrets(message);
      sink.warn(prefix, text);
      file?.warn({ scope }, text);
      remember('warn', text);
    },
    error(message, error) {
      const text = redactSecrets(message);
      const detail = error === undefined ? undefined : redactSecrets(describeError(error));
      if (detail === undefined) sink.error(prefix, text);
      else sink.error(prefix, text, detail);
      file?.error(detail === undefined ? { scope } : { scope, error: detail }, text);
      remember('error', detail === undefined ? text : `${text}: ${detail}`);
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return typeof error === 'object' && error !== null ? JSON.stringify(error) : String(error);
}
