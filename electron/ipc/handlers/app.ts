import { mkdir } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { parseExternalUrl } from '../../services/external-url';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function appHandlers({
  settings,
  store,
  platform,
  diagnostics,
}: Services): HandlersOf<'app' | 'settings' | 'storage' | 'clipboard' | 'shell'> {
  return {
    'app.about': () => diagnostics.about(),
    'app.diagnostics': async () => ({ text: await diagnostics.text() }),
    'app.openLogsFolder': async () => {
      await mkdir(diagnostics.logsFolder, { recursive: true });
      await platform.shell.openFolder(diagnostics.logsFolder);
      return null;
    },
    'settings.get': () => Promise.resolve(settings.get()),
    'settings.update': (patch) => settings.update(patch),
    'settings.secretProtection': () => platform.keychain.protection(),
    'storage.problems': () => Promise.resolve(store.problems()),
    'clipboard.writeText': async ({ text }) => {
      await platform.clipboard.writeText(text);
      return null;
    },
    'shell.openExternal': async ({ url }) => {
      const parsed = parseExternalUrl(url);
      if (!parsed) {
        throw new AppError('VALIDATION', `Only http and https links can be opened: ${url}`, {
          input: url,
          problem: 'not-a-web-link',
        });
      }
      await platform.shell.openExternal(parsed.href);
      return null;
    },
  };
}
