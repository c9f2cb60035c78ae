import { checkGateway } from '../../services/gateways/gateway-health';
import { probeBlock } from '../../services/gateways/probe-block';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';
import { cidArgument } from '../../services/content-argument';

const GATEWAY_TIMEOUT_MS = 10_000;

export function shareHandlers({ node }: Services): HandlersOf<'share'> {
  return {
    'share.checkGateway': async ({ gateway, cid }) => {
      const target = cid ? cidArgument(cid) : await probeBlock(node.kubo());
      return checkGateway(gateway, target, { timeoutMs: GATEWAY_TIMEOUT_MS, offline: node.offline() });
    },
  };
}
