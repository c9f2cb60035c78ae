import type { Gateway } from '../../../shared/settings';
import { cairn, call } from '../../app/api';
import { describeFailure } from '../../app/failure';
import { useAppStore } from '../../app/store';
import { updateSettings } from '../settings/settings-actions';
import type { GatewayCheck } from './gateway-words';

/** Shows content in the Share view, from another view or from a link the OS opened with Cairn. */
export function shareContent(input: string): void {
  const { setShareInput, showView } = useAppStore.getState();
  setShareInput(input);
  showView('share');
}

export function followOpenedLinks(): () => void {
  return cairn().on('app.openLink', ({ url }) => shareContent(url));
}

/**
 * A gateway's health for `content` (a CID, or a path inside one: its end is asked for), or for a probe
 * block of the node's when none is given; never throws.
 */
export function checkGateway(gateway: Pick<Gateway, 'url' | 'style'>, content?: string): Promise<GatewayCheck> {
  const target = { url: gateway.url, style: gateway.style };
  return call('share.checkGateway', content ? { gateway: target, cid: content } : { gateway: target }).catch(
    (error: unknown): GatewayCheck => ({ status: 'failed', failure: describeFailure(error) }),
  );
}

/**
 * Makes `gateway` the default for share links, turned on, once it has served the right bytes (or
 * could not be asked, in offline mode); the check's result comes back either way.
 */
export async function makeDefaultGateway(gateway: Gateway): Promise<GatewayCheck> {
  const health = await checkGateway(gateway);
  const gateways = useAppStore.getState().settings?.share.gateways;
  if (gateways && (health.status === 'trustworthy' || health.status === 'skipped')) {
    await updateSettings({
      share: {
        defaultGateway: gateway.id,
        gateways: gateways.map((each) => (each.id === gateway.id ? { ...each, enabled: true } : each)),
      },
    });
  }
  return health;
}
