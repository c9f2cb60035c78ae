import { z } from 'zod';
import type { Settings } from '../../settings';
import { settingsPatchSchema } from '../../settings';
import { emptyRequest } from './common';

/** Settings, the clipboard and the OS shell. */
export const appRequests = {
  'settings.get': emptyRequest,
  'settings.update': settingsPatchSchema,
  'clipboard.writeText': z.object({ text: z.string().max(1024 * 1024) }).strict(),
  'shell.openExternal': z.object({ url: z.string().max(8192) }).strict(),
};

export interface AppResponses {
  'settings.get': Settings;
  'settings.update': Settings;
  'clipboard.writeText': null;
  'shell.openExternal': null;
}

export interface AppEvents {
  'settings.changed': Settings;
  /** An ipfs:// or ipns:// link the OS opened with Cairn. */
  'app.openLink': { url: string };
}
