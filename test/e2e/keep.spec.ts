import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { formatBytes } from '../../renderer/app/format';
import { fileRow, filesGrid } from '../harness/file-rows';
import { expect, test, type CairnApp } from './fixtures';

// What keeps content, as a person sees it: one answer in Files, Pins and the inspector, that
// follows every change without a reload.

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const localPins = (page: Page) => page.getByRole('list', { name: 'Local pins' });

/** Content added with Kubo's CLI (behind Cairn's back) and copied into Files at `/name`. */
async function addToFiles(app: CairnApp, name: string, files: Record<string, string>, pin: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-keep-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, name, path, '..'), { recursive: true });
    await writeFile(join(dir, name, path), text);
  }
  const cid = (await app.ipfs('add', '-r', '-Q', '--cid-version=1', `--pin=${pin}`, join(dir, name))).trim();
  await rm(dir, { recursive: true, force: true });
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, `/${name}`);
  return cid;
}

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

test('unpinning in Pins changes Files without a reload, and a renamed file’s pin name follows', async ({
  page,
  app,
}) => {
  const name = `pinned-${Date.now().toString(36)}`;
  await addToFiles(app, name, { 'report.txt': 'kept twice\n' }, true);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(fileRow(page, name)).toContainText('Pinned');

  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByLabel('Filter by name or CID').fill(name);
  // Files keeps it too, so unpinning asks nothing.
  await localPins(page)
    .getByRole('listitem', { name: `/${name}`, exact: true })
    .getByRole('button', { name: `Unpin /${name}` })
    .click();
  await expect(localPins(page).getByRole('listitem', { name: `/${name}`, exact: true })).toHaveCount(0);
  await views(page).getByRole('button', { name: 'Files' }).click();
  await expect(fileRow(page, name)).toContainText('Files');

  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByLabel('CID or path to pin').fill(`/${name}`);
  await page.getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(localPins(page).getByRole('listitem', { name: `/${name}`, exact: true })).toBeVisible();
  await views(page).getByRole('button', { name: 'Files' }).click();
  await expect(fileRow(page, name)).toContainText('Pinned');
  await fileRow(page, name).click();
  await filesGrid(page).press('F2');
  const rename = page.getByRole('dialog', { name: `Rename “${name}”` });
  await rename.getByLabel('Name').fill(`${name}-final`);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(fileRow(page, `${name}-final`)).toBeVisible();
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await expect(localPins(page).getByRole('listitem', { name: `/${name}-final`, exact: true })).toBeVisible();
  await expect(localPins(page).getByRole('listitem', { name: `/${name}`, exact: true })).toHaveCount(0);
});

test('a folder another program removes from Files leaves the listing at the next look, not still said kept', async ({
  page,
  app,
}) => {
  const name = `elsewhere-${Date.now().toString(36)}`;
  await addToFiles(app, name, { 'note.txt': 'removed behind its back\n' }, false);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(fileRow(page, name)).toContainText('Files');
  await fileRow(page, name).click();
  await expect(page.getByRole('list', { name: /^Pin status of/ })).toContainText('kept by Files');

  await app.ipfs('files', 'rm', '-r', `/${name}`);
  // Cairn looks for changes made behind its back when the window gets focus.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(fileRow(page, name)).toHaveCount(0);
});

test('the inspector says a CIDv1 folder is kept, and a folder’s size is its cumulative size', async ({ page, app }) => {
  const name = `album-${Date.now().toString(36)}`;
  const cid = await addToFiles(app, name, { 'a.txt': 'a'.repeat(3000), 'deep/b.txt': 'b'.repeat(5000) }, true);
  expect(cid).toMatch(/^bafy/);
  const stat = JSON.parse(await app.ipfs('files', 'stat', '--enc=json', `/${name}`)) as { CumulativeSize: number };
  const size = formatBytes(stat.CumulativeSize);

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(fileRow(page, name)).toContainText(size);

  await views(page).getByRole('button', { name: 'Verify' }).click();
  await page.getByLabel('CID to inspect').fill(cid);
  await expect(page.getByRole('list', { name: /^Pin status of / })).toHaveText('Local: pinned');
  await page.getByRole('button', { name: 'Look it up on the node' }).click();
  await expect(page.getByRole('status', { name: 'On this node' })).toContainText(`The node has it: directory, ${size}`);
});

test('Share and the inspector say what Kubo’s collector keeps: the file a path names, the one block a raw pin keeps', async ({
  page,
  app,
}) => {
  const name = `trip-${Date.now().toString(36)}`;
  const folder = await addToFiles(app, name, { 'day 1/notes.txt': 'kept by Files\n' }, false);
  await app.ipfs('files', 'rm', '-r', `/${name}`);
  const notes = (await app.ipfs('resolve', '-r', `/ipfs/${folder}/day 1/notes.txt`)).trim().slice(6);
  await app.ipfs('files', 'cp', `/ipfs/${notes}`, `/${name}-notes.txt`);
  const rawOfFolder = (await app.ipfs('cid', 'format', '-v', '1', '--mc', 'raw', '-b', 'base32', folder)).trim();
  await app.ipfs('pin', 'add', rawOfFolder);
  await page.getByRole('button', { name: 'Refresh' }).click();

  await views(page).getByRole('button', { name: 'Share' }).click();
  await page.getByLabel('Content to share').fill(`/ipfs/${folder}/day 1/notes.txt`);
  await expect(page.getByRole('list', { name: /^Pin status of / })).toHaveText('Local: kept by Files');

  await views(page).getByRole('button', { name: 'Verify' }).click();
  await page.getByLabel('CID to inspect').fill(folder);
  await expect(page.getByRole('list', { name: /^Pin status of / })).toHaveText('Local: pinned (this block only)');
  await app.ipfs('pin', 'rm', rawOfFolder);
  await app.ipfs('files', 'rm', `/${name}-notes.txt`);
});
