import { checkGateway } from '../../services/gateways/gateway-health';
import { probeBlock } from '../../services/gateways/probe-block';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';
import { cidArgument } from '../../services/content-argument';
import { contentAt } from '../../services/keep/content-at';

const GATEWAY_TIMEOUT_MS = 10_000;

export function shareHandlers({ node }: Services): HandlersOf<'share'> {
  return {
    'share.checkGateway': async ({ gateway, cid }) => {
      // A path's end is what its links serve: that content is asked for, not the folder it starts from.
      const end = cid === undefined ? null : await contentAt(node.kubo(), cid);
      if (cid !== undefined && end === null) {
        return { status: 'skipped', host: new URL(gateway.url).host, finding: { kind: 'unresolved', path: cid } };
      }
      const target = end === null ? await probeBlock(node.kubo()) : cidArgument(end);
      return checkGateway(gateway, target, { timeoutMs: GATEWAY_TIMEOUT_MS, offline: node.offline() });
    },
  };
}
