import { z } from 'zod';
import type { ErrorCode } from '../../errors';
import type { SecretProtection, Settings } from '../../settings';
import { settingsPatchSchema } from '../../settings';
import { emptyRequest } from './common';

/** Versions for Settings > About, and where the logs are. */
export interface AboutInfo {
  versions: { cairn: string; electron: string | null; kubo: string | null; repo: string | null };
  logsFolder: string;
}

/** Settings, the clipboard, the OS shell, and what a user sends with a bug report. */
export const appRequests = {
  'app.about': emptyRequest,
  'app.diagnostics': emptyRequest,
  'app.openLogsFolder': emptyRequest,
  'settings.get': emptyRequest,
  'settings.update': settingsPatchSchema,
  'settings.secretProtection': emptyRequest,
  'storage.problems': emptyRequest,
  'clipboard.writeText': z.object({ text: z.string().max(1024 * 1024) }).strict(),
  'shell.openExternal': z.object({ url: z.string().max(8192) }).strict(),
};

export interface AppResponses {
  'app.about': AboutInfo;
  /** Versions, settings without secrets, node state and the last problems, as text to copy. */
  'app.diagnostics': { text: string };
  'app.openLogsFolder': null;
  'settings.get': Settings;
  'settings.update': Settings;
  /** Whether secrets are kept by the OS keychain here, or could only be obfuscated, or not kept at all. */
  'settings.secretProtection': SecretProtection;
  'storage.problems': StorageProblem[];
  'clipboard.writeText': null;
  'shell.openExternal': null;
}

export interface AppEvents {
  'settings.changed': Settings;
  /** An ipfs:// or ipns:// link the OS opened with Cairn. */
  'app.openLink': { url: string };
  /** A file in the data folder could not be read or written. */
  'storage.problem': StorageProblem;
}

/**
 * Something went wrong with a file in the data folder. `unreadable`: it could not be read or did
 * not match its schema, was moved `aside` (null when even that failed) and Cairn started with the
 * `kept` entries (`dropped` ones failed their schema or were left out by an upgrade, `reason` says
 * which and why; null when the whole file was unreadable).
 * `write-failed`: a change could not be saved (a full disk is DISK_FULL) and was not applied.
 */
export type StorageProblem =
  | {
      kind: 'unreadable';
      file: string;
      path: string;
      reason: string;
      kept: number;
      dropped: number | null;
      aside: string | null;
      /** What stood in the place of the file or folder when it was not one: a link is never followed. */
      found?: { thing: 'link' | 'file' | 'folder'; place: 'file' | 'folder' };
    }
  | { kind: 'write-failed'; file: string; path: string; code: ErrorCode; message: string };
