import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startKubo, type TestKubo } from '../harness/kubo';
import { expect, test } from './fixtures';
import { connectRemote } from './remote-nodes';

const TOKEN = 'e2e-bearer-token-0123456789';
let remote: TestKubo;
let remotePeerId: string;

test.beforeAll(async () => {
  remote = await startKubo({ authorizations: { cairn: { AuthSecret: `bearer:${TOKEN}`, AllowedPaths: ['/api/v0'] } } });
  const config = JSON.parse(await readFile(join(remote.repoPath, 'config'), 'utf8')) as {
    Identity: { PeerID: string };
  };
  remotePeerId = config.Identity.PeerID;
});
test.afterAll(async () => {
  await remote.stop();
});

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

const nav = (page: Page, view: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();
const fact = (page: Page, name: string) =>
  page
    .getByRole('table', { name: 'Node facts' })
    .getByRole('row', { name: new RegExp(`^${name} `) })
    .getByRole('cell');

test('adds a remote node with a Bearer token, switches to it and back', async ({ page, app }) => {
  await nav(page, 'Settings');
  await page.getByRole('button', { name: 'Add a remote node' }).click();
  const form = page.getByRole('form', { name: 'Add a remote node' });
  await form.getByLabel('Name').fill('Lab node');
  await form.getByLabel('RPC address').fill('localhost:5001');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('RPC address')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('RPC address')).toHaveAccessibleDescription(
    /^This is not an RPC address: enter an http\(s\) URL like http:\/\/127\.0\.0\.1:5001/,
  );
  await form.getByLabel('RPC address').fill(remote.apiUrl);
  await form.getByLabel('Authentication').selectOption({ label: 'Bearer token' });
  await form.getByLabel('Token', { exact: true }).fill(TOKEN);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status')).toHaveText(`Connected: Kubo 0.43.1, peer ${remotePeerId}.`);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('list', { name: 'Remote nodes' }).getByRole('listitem', { name: 'Lab node' }),
  ).toBeVisible();

  await nav(page, 'Node');
  await page.getByLabel('Connected node').selectOption({ label: 'Lab node' });
  await expect(page.getByText('Remote node “Lab node”: running.')).toBeVisible();
  await expect(fact(page, 'Peer ID')).toContainText(remotePeerId);
  await page.screenshot({ path: 'test-results/node-remote.png' });

  await page.getByLabel('Connected node').selectOption({ label: 'Embedded Kubo node' });
  await expect(page.getByText('Embedded Kubo node: running, offline and loopback-only.')).toBeVisible();
  await expect(fact(page, 'Peer ID')).toContainText((await app.ipfs('id', '-f', '<id>')).trim());
});

test('shows on screen that a remote node refused a wrong token', async ({ page }) => {
  await nav(page, 'Settings');
  const entry = page.getByRole('list', { name: 'Remote nodes' }).getByRole('listitem', { name: 'Lab node' });
  await entry.getByRole('button', { name: 'Edit Lab node' }).click();
  const form = page.getByRole('form', { name: 'Edit Lab node' });
  await expect(form.getByLabel('Token', { exact: true })).toHaveAttribute('placeholder', /stored; leave empty to keep/);
  await expect(form.getByLabel('Token', { exact: true })).toHaveValue('');
  await form.getByLabel('Token', { exact: true }).fill('not-the-token');
  await form.getByRole('button', { name: 'Save' }).click();

  await nav(page, 'Node');
  await page.getByLabel('Connected node').selectOption({ label: 'Lab node' });
  const problem = page.getByRole('alert', { name: 'Node problem' });
  await expect(problem.getByText('The IPFS node refused Cairn’s credentials: check them in Settings.')).toBeVisible();
  await problem.getByText('Details').click();
  await expect(problem.getByText(/refused the credentials \(HTTP 403\)/)).toBeVisible();
  await expect(page.getByRole('status', { name: 'Node error' })).toBeVisible();
  await page.screenshot({ path: 'test-results/node-remote-403.png' });
  await page.getByLabel('Connected node').selectOption({ label: 'Embedded Kubo node' });
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

test('collects garbage only after a confirmation that says what is lost', async ({ page }) => {
  await nav(page, 'Node');
  await page.getByRole('button', { name: 'Collect garbage…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Collect garbage?' });
  await expect(dialog).toContainText('neither pinned nor in Files');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Collect garbage…' }).click();
  await dialog.getByRole('button', { name: 'Delete unpinned content' }).click();
  // This worker's node holds what the specs before it left, the 10,000-file drop's 50,000 blocks
  // among them: the collection takes seconds alone and over 15 s on a loaded machine.
  await expect(page.getByRole('status').filter({ hasText: 'Garbage collection freed' })).toBeVisible({
    timeout: 120_000,
  });
  await expect(page.getByRole('region', { name: 'Traffic' })).toContainText('the node is offline');
  await page.screenshot({ path: 'test-results/node-gc.png' });
});

test('says on screen that a remote node stopped answering as soon as an action finds it gone', async ({ page }) => {
  const gone = await startKubo();
  await connectRemote(page, 'Node that leaves', gone.apiUrl);

  // It goes away; the window keeps the focus it had, so only what the user does can find it gone.
  await gone.stop();
  await nav(page, 'Files');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('status', { name: 'Node error' })).toBeVisible();
  await nav(page, 'Node');
  await expect(page.getByRole('alert', { name: 'Node problem' })).toContainText(
    'The IPFS node does not answer: check that it is running, or choose another in Node.',
  );

  await page.getByLabel('Connected node').selectOption({ label: 'Embedded Kubo node' });
  await expect(page.getByText('Embedded Kubo node: running, offline and loopback-only.')).toBeVisible();
});

test('says on screen that a remote node stopped answering, once the window is looked at again', async ({ page }) => {
  const gone = await startKubo();
  await connectRemote(page, 'Short-lived node', gone.apiUrl);

  // It goes away without a word: no event tells main, so the window asks when it is looked at.
  await gone.stop();
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByRole('status', { name: 'Node running' })).toBeHidden();
  await expect(page.getByRole('alert', { name: 'Node problem' })).toContainText(
    'The IPFS node does not answer: check that it is running, or choose another in Node.',
  );

  await page.getByLabel('Connected node').selectOption({ label: 'Embedded Kubo node' });
  await expect(page.getByText('Embedded Kubo node: running, offline and loopback-only.')).toBeVisible();
});
