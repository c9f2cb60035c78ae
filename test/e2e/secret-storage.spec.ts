import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBridgeHost, type BridgeHost } from '../../electron/bridge/start-bridge-host';
import { resolveTestKuboBinary } from '../harness/kubo-binary';
import { notices } from './fixtures';

// The app as on Linux without a keyring, where Electron's safeStorage only obfuscates (basic_text):
// the harness's keychain reports that protection, and the user decides whether secrets are stored.
let running: BridgeHost;
let dataDir: string;

test.beforeAll(async () => {
  process.env.KUBO_BINARY = resolveTestKuboBinary();
  dataDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-secrets-'));
  process.env.CAIRN_SECRET_PROTECTION = 'obfuscated';
  try {
    running = await startBridgeHost({
      dataDir,
      env: { offline: true, remoteApiUrl: null, dataDir },
      rendererDir: join(import.meta.dirname, '../../out/renderer'),
    });
  } finally {
    delete process.env.CAIRN_SECRET_PROTECTION;
  }
});
test.afterAll(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('says secrets would only be obfuscated, and stores a token only once the user says so', async ({ page }) => {
  await page.goto(running.bridge.appUrl);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const secrets = page.getByRole('region', { name: 'Secrets' });
  await expect(secrets.getByRole('note')).toContainText('would only be obfuscated, not encrypted');

  await page.getByRole('button', { name: 'Add a pinning service' }).click();
  const form = page.getByRole('form', { name: 'Add a pinning service' });
  await form.getByLabel('Service').selectOption('custom');
  await form.getByLabel('Name').fill('Alpha pins');
  await form.getByLabel('API endpoint').fill('http://127.0.0.1:9/psa');
  await form.getByLabel('Access token').fill('a secret token');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(notices(page)).toContainText('choose in Settings > Secrets whether to store them anyway');
  await expect(page.getByRole('list', { name: 'Pinning services' }).getByRole('listitem')).toHaveCount(0);

  // The choice is a setting: the radio shows it once main has saved it.
  const refuse = secrets.getByRole('radio', { name: 'Don’t store them' });
  await refuse.click();
  await expect(refuse).toBeChecked();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(notices(page)).toContainText('You chose not to store tokens and passwords on this system');
  await expect(page.getByRole('list', { name: 'Pinning services' }).getByRole('listitem')).toHaveCount(0);

  const store = secrets.getByRole('radio', { name: 'Store them anyway, obfuscated' });
  await store.click();
  await expect(store).toBeChecked();
  expect(running.host.services.settings.get().secrets.obfuscated).toBe('store');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('list', { name: 'Pinning services' }).getByRole('listitem', { name: 'Alpha pins' }),
  ).toBeVisible();
});
