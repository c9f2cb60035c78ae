import { AppError } from '../../shared/errors';
import { addFile } from '../services/files/add-file';
import { parseExternalUrl } from '../services/external-url';
import type { Services } from '../services/services';
import type { Handlers } from './types';

/** The routing table: every channel of the contract to the service that answers it. */
export function createHandlers({ settings, node, platform }: Services): Handlers {
  return {
    'node.status': () => node.status(),
    'node.restart': () => node.restart(),
    'files.add': ({ source }, op) => addFile(node.client(), source, op),
    'settings.get': () => Promise.resolve(settings.get()),
    'settings.update': (patch) => settings.update(patch),
    'clipboard.writeText': async ({ text }) => {
      await platform.clipboard.writeText(text);
      return null;
    },
    'shell.openExternal': async ({ url }) => {
      const parsed = parseExternalUrl(url);
      if (!parsed) throw new AppError('VALIDATION', `Only http and https links can be opened: ${url}`);
      await platform.shell.openExternal(parsed.href);
      return null;
    },
  };
}
