import type { GatewayHealth } from '../../../shared/ipc/contract';
import type { Gateway } from '../../../shared/settings';
import { cairn, call } from '../../app/api';
import { plainMessage } from '../../app/failure';
import { useAppStore } from '../../app/store';

/** Shows content in the Share view, from another view or from a link the OS opened with Cairn. */
export function shareContent(input: string): void {
  const { setShareInput, showView } = useAppStore.getState();
  setShareInput(input);
  showView('share');
}

export function followOpenedLinks(): () => void {
  return cairn().on('app.openLink', ({ url }) => shareContent(url));
}

/** A gateway's health for `cid`, or for a probe block of the node's when no CID is given; never throws. */
export function checkGateway(gateway: Pick<Gateway, 'url' | 'style'>, cid?: string): Promise<GatewayHealth> {
  const target = { url: gateway.url, style: gateway.style };
  return call('share.checkGateway', cid ? { gateway: target, cid } : { gateway: target }).catch(
    (error: unknown): GatewayHealth => ({
      status: 'error',
      message: plainMessage(error),
    }),
  );
}
