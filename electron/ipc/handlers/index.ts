import type { Services } from '../../services/services';
import type { Handlers } from '../types';
import { appHandlers } from './app';
import { filesHandlers } from './files';
import { ipnsHandlers } from './ipns';
import { keepHandlers } from './keep';
import { nodeHandlers } from './node';
import { pinsHandlers } from './pins';
import { shareHandlers } from './share';
import { uploadsHandlers } from './uploads';
import { verifyHandlers } from './verify';

/** The routing table: every channel of the contract to the service that answers it, one file per feature. */
export function createHandlers(services: Services): Handlers {
  return {
    ...nodeHandlers(services),
    ...filesHandlers(services),
    ...uploadsHandlers(services),
    ...shareHandlers(services),
    ...verifyHandlers(services),
    ...ipnsHandlers(services),
    ...pinsHandlers(services),
    ...keepHandlers(services),
    ...appHandlers(services),
  };
}
