import type { CID } from 'multiformats/cid';
import { AppError } from '../../shared/errors';
import { addFile } from '../services/files/add-file';
import { parseExternalUrl } from '../services/external-url';
import { inputTarget, removeProfile, saveProfile } from '../services/node/profiles';
import { checkConnection } from '../services/node/remote';
import { checkGateway } from '../services/gateways/gateway-health';
import { probeBlock } from '../services/gateways/probe-block';
import { inspectOnNode } from '../services/verify/inspect-on-node';
import { LinkError, parseCid } from '../../shared/links/content-ref';

const GATEWAY_TIMEOUT_MS = 10_000;
import type { Services } from '../services/services';
import type { Handlers } from './types';

/** The routing table: every channel of the contract to the service that answers it. */
export function createHandlers({ settings, secrets, node, platform }: Services): Handlers {
  return {
    'node.status': () => node.status(),
    'node.restart': () => node.restart(),
    'node.stats': () => node.stats(),
    'node.use': ({ target }) => node.use(target),
    'node.gc': (_request, op) => node.gc(op.signal),
    'node.testConnection': async ({ profile }) => checkConnection(await inputTarget(profile, secrets)),
    'node.saveProfile': ({ profile }) => saveProfile(profile, settings, secrets),
    'node.removeProfile': async ({ id }) => {
      const wasActive = settings.get().node.active === id;
      const next = await removeProfile(id, settings, secrets);
      if (wasActive) await node.restart();
      return next;
    },
    'files.add': ({ source }, op) => addFile(node.rpcTarget(), source, op),
    'share.checkGateway': async ({ gateway, cid }) => {
      const target = cid ? cidArgument(cid) : await probeBlock(node.client());
      return checkGateway(gateway, target, { timeoutMs: GATEWAY_TIMEOUT_MS, offline: node.offline() });
    },
    'verify.inspectOnNode': ({ cid }) => inspectOnNode(node.rpcTarget(), cidArgument(cid)),
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

/** A CID from the renderer, or a validation error that says what is wrong with it. */
function cidArgument(text: string): CID {
  try {
    return parseCid(text);
  } catch (error) {
    if (error instanceof LinkError) throw new AppError('VALIDATION', error.message);
    throw error;
  }
}
