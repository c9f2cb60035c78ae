import { createHandlers } from './handlers';
import { createDispatcher, type Dispatcher } from './dispatch';
import { createEventHub, type EventHub } from './event-hub';
import type { EnvOverrides } from '../services/env';
import { createLogger } from '../services/log';
import type { Platform } from '../services/platform';
import { createServices, type Services } from '../services/services';

export interface Host {
  services: Services;
  dispatcher: Dispatcher;
  hub: EventHub;
  dispose(): Promise<void>;
}

/**
 * Services, the handler table and the event hub for one app instance, the same for Electron main
 * and the test bridge. The node starts in the background; its state reaches renderers as events.
 */
export async function startHost(options: { dataDir: string; env: EnvOverrides; platform: Platform }): Promise<Host> {
  const services = await createServices(options);
  const hub = createEventHub();
  services.node.onChange((status) => hub.send('node.changed', status));
  services.settings.onChange((settings) => hub.send('settings.changed', settings));
  services.store.onProblem((problem) => hub.send('storage.problem', problem));
  services.uploads.onChange((change) => hub.send('uploads.changed', change));
  services.ipns.bindings.onChange((bindings) => hub.send('ipns.bindingsChanged', bindings));
  services.mfs.onChange((folder) => hub.send('files.changed', { folder }));
  services.pins.onRequestsChange((requests) => hub.send('pins.requestsChanged', requests));
  services.keep.onChange((change) => hub.send('keep.changed', change));
  const dispatcher = createDispatcher(createHandlers(services), createLogger('ipc'));
  void services.node.start();
  return { services, dispatcher, hub, dispose: () => services.dispose() };
}
