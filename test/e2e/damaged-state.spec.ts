import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBridgeHost, type BridgeHost } from '../../electron/bridge/start-bridge-host';
import { resolveTestKuboBinary } from '../harness/kubo-binary';
import { notices } from './fixtures';

// A person starting Cairn on a data folder with a damaged settings.json and a link planted as
// upload-staging is told, file by file, what was left out or found, and where the original is kept.
let running: BridgeHost;
let dataDir: string;
let outside: string;

test.beforeAll(async () => {
  process.env.KUBO_BINARY = resolveTestKuboBinary();
  dataDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-damaged-'));
  outside = await mkdtemp(join(tmpdir(), 'cairn-e2e-outside-'));
  await writeFile(join(dataDir, 'settings.json'), '{"version": 3, "theme": "da');
  await symlink(outside, join(dataDir, 'upload-staging'));
  running = await startBridgeHost({
    dataDir,
    env: { offline: true, remoteApiUrl: null, dataDir },
    rendererDir: join(import.meta.dirname, '../../out/renderer'),
  });
});
test.afterAll(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

test('names each damaged file of the data folder on start-up, and where its original is kept', async ({ page }) => {
  await page.goto(running.bridge.appUrl);
  const settings = notices(page).getByRole('listitem').filter({ hasText: 'settings.json could not be read' });
  await expect(settings).toContainText('Cairn started without what it held. The original is kept at');
  await expect(settings).toContainText(join(dataDir, 'settings.json.unreadable-'));
  const staging = notices(page)
    .getByRole('listitem')
    .filter({ hasText: 'Found a symbolic link in place of upload-staging' });
  await expect(staging).toContainText(
    `Cairn does not follow links in its data folder and left what this one points to alone. Cairn moved the symbolic link aside to ${join(dataDir, 'upload-staging.unreadable-')}`,
  );
  await expect(staging).toContainText('and made a new, empty folder.');
});
