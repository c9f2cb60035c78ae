import { inputTarget, removeProfile, saveProfile } from '../../services/node/profiles';
import { checkConnection } from '../../services/node/remote';
import { chooseNodePath } from '../../services/node/node-paths';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function nodeHandlers({ settings, secrets, node, platform, keep }: Services): HandlersOf<'node'> {
  return {
    'node.status': () => node.status(),
    'node.restart': () => node.restart(),
    'node.stats': () => node.stats(),
    'node.use': ({ target }) => node.use(target),
    'node.gc': async (_request, op) => {
      const result = await node.gc(op.signal);
      keep.changed();
      return result;
    },
    'node.testConnection': async ({ profile }) => checkConnection(await inputTarget(profile, settings, secrets)),
    'node.saveProfile': ({ profile }) => saveProfile(profile, settings, secrets),
    'node.removeProfile': async ({ id }) => {
      const wasActive = settings.get().node.active === id;
      const next = await removeProfile(id, settings, secrets);
      if (wasActive) await node.restart();
      return next;
    },
    'node.choosePath': ({ what, reset }) => chooseNodePath(what, reset, platform.dialogs, settings),
  };
}
