import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { pickFile } from './pick-file';

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

test('shows the node it started: peer ID, Kubo version and repo size', async ({ page, app }) => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Node' }).click();
  await expect(page.getByRole('heading', { name: 'Node', level: 1 })).toBeVisible();
  const peerId = (await app.ipfs('id', '-f', '<id>')).trim();
  const facts = page.getByRole('table', { name: 'Node facts' });
  const fact = (name: string) => facts.getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell');
  await expect(fact('Peer ID')).toContainText(peerId);
  await expect(fact('Kubo version')).toHaveText((await app.ipfs('version', '--number')).trim());
  // Any unit: every spec file shares this node, and the 10,000-file drop leaves about a GiB of old
  // Files folder blocks until a collection.
  await expect(fact('Repo size')).toHaveText(/^\d+(\.\d)? (B|KiB|MiB|GiB) of \d+(\.\d)? GiB/);
  await page.screenshot({ path: 'test-results/node-view.png' });
});

test('a file dropped on the window is added, and its CID is the one Kubo computes', async ({ page, app }) => {
  const text = `dropped at ${new Date().toISOString()}\n`;
  const dropped = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'drop me.txt', { type: 'text/plain' }));
    return transfer;
  }, text);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dropped });
  await expect(page.getByText('Drop files and folders to add them to IPFS')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer: dropped });

  const row = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem', { name: 'drop me.txt', exact: true });
  const cid = row.getByLabel('CID of drop me.txt', { exact: true });
  await expect(cid).toHaveText(/^baf/);

  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-file-'));
  await writeFile(join(dir, 'drop me.txt'), text);
  const expected = (await app.ipfs('add', '--only-hash', '-Q', join(dir, 'drop me.txt'))).trim();
  await rm(dir, { recursive: true, force: true });
  await expect(cid).toHaveText(expected);
  // Files keeps it; it is pinned only when "Also pin" is chosen.
  expect((await app.ipfs('files', 'ls', '/')).split('\n')).toContain('drop me.txt');
  expect((await app.ipfs('pin', 'ls', '-q', '--type=recursive')).split('\n')).not.toContain(expected);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await row.getByRole('button', { name: 'Copy CID of drop me.txt' }).click();
  await expect(row.getByRole('button', { name: 'Copy CID of drop me.txt' })).toHaveAttribute('title', 'Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
  await page.screenshot({ path: 'test-results/files-view.png' });
});

test('a file chosen with the Add files button is added too', async ({ page }) => {
  await pickFile(page, 'picked.json', 'application/json', '{"picked":true}');
  await expect(
    page
      .getByRole('list', { name: 'Uploads' })
      .getByRole('listitem', { name: 'picked.json', exact: true })
      .getByLabel('CID of picked.json', { exact: true }),
  ).toHaveText(/^baf/);
});

test('every view is reachable from the navigation and says what it holds', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Views' });
  await nav.getByRole('button', { name: 'Pins' }).click();
  await expect(page.getByRole('heading', { name: 'Pins', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Local pins' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Pins' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('button', { name: 'Settings' }).click();
  // Settings are saved by main before the choice shows as checked.
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 24, 26)');
  await page.screenshot({ path: 'test-results/settings-dark.png' });
  await page.getByRole('radio', { name: 'Follow the system' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  // Playwright's page prefers the light scheme, and "system" follows it.
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(246, 247, 248)');
});
