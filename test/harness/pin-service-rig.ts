import { caller } from './call';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { startTestHost, type TestHost } from './host';
import { startKubo, type TestKubo } from './kubo';
import { startPinningService, type TestPinningService } from './pinning-service';

/** A remote pin test's world: see startPinServiceRig. */
export interface PinServiceRig {
  node: TestKubo;
  /** The real pinning-service peer, reached only through `proxy`. */
  service: TestPinningService;
  proxy: FaultProxy;
  /** The app's services and a caller on them; `reopen` replaces both. */
  host: TestHost;
  api: ReturnType<typeof caller>;
  /** The saved service's id. */
  serviceId: string;
  /** Starts the app's services again on the same data and keychain, once the test has disposed them. */
  reopen(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Kubo, the mock pinning-service peer behind a fault proxy, and the app's services on that
 * Kubo with the peer saved as the service `name` at the proxy's address: every request Cairn makes
 * of the service can be answered wrongly on purpose. `pinPollScale` speeds up the app's polling.
 */
export async function startPinServiceRig(name: string, pinPollScale: number): Promise<PinServiceRig> {
  const node = await startKubo();
  const service = await startPinningService();
  const proxy = await startFaultProxy(service.endpoint);
  const host = await startTestHost(node, { pinPollScale });
  const api = caller(host.dispatcher);
  const settings = await api.call('pins.saveService', {
    service: { name, preset: 'custom', endpoint: proxy.url, token: service.token },
  });
  const rig: PinServiceRig = {
    node,
    service,
    proxy,
    host,
    api,
    serviceId: settings.pins.services[0]?.id ?? '',
    async reopen() {
      const { dataDir, services } = rig.host;
      rig.host = await startTestHost(node, { dataDir, pinPollScale, platform: services.platform });
      rig.api = caller(rig.host.dispatcher);
    },
    async stop() {
      await rig.host.stop();
      await proxy.stop();
      await service.stop();
      await node.stop();
    },
  };
  return rig;
}
