import { join } from 'node:path';
import { startBridgeHost } from '../bridge/start-bridge-host';
import { readEnvOverrides } from '../services/env';
import { createLogger } from '../services/log';
import { kuboBuildPath } from '../../test/harness/kubo-binary';
import { existsSync } from 'node:fs';

// `npm run dev:web`: the whole app in a normal browser on loopback, against real services and the
// embedded Kubo. Data goes to .cairn-dev/ unless CAIRN_DATA_DIR says otherwise.
const root = join(import.meta.dirname, '../..');
if (!process.env.KUBO_BINARY && existsSync(kuboBuildPath())) process.env.KUBO_BINARY = kuboBuildPath();
const env = readEnvOverrides();
const running = await startBridgeHost({
  dataDir: env.dataDir ?? join(root, '.cairn-dev'),
  env,
  rendererDir: join(root, 'out/renderer'),
}).catch((error: unknown) => {
  createLogger('dev-web').error('Cairn did not start', error);
  process.exit(1);
});
console.log(
  `\nCairn is running at:\n\n  ${running.bridge.appUrl}\n\nOpen that address (it carries a one-time token). Ctrl+C stops the app and its node.\n`,
);

const stop = () => {
  void running.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
