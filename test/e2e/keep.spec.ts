import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { formatBytes } from '../../renderer/app/format';
import { deleteBlockFiles } from '../harness/damaged-blocks';
import { fileRow, filesGrid } from '../harness/file-rows';
import { startKubo } from '../harness/kubo';
import { expect, test, type CairnApp } from './fixtures';
import { connectRemote, forgetRemoteNodes } from './remote-nodes';

// What keeps content, as a person sees it: one answer in Files, Pins and the inspector, that
// follows every change without a reload.

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const localPins = (page: Page) => page.getByRole('list', { name: 'Local pins' });

/** Content added with Kubo's CLI (behind Cairn's back) and copied into Files at `/name`. */
async function addToFiles(
  app: Pick<CairnApp, 'ipfs'>,
  name: string,
  files: Record<string, string>,
  pin: boolean,
): Promise<string> {
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

async function backToEmbedded(page: Page): Promise<void> {
  await views(page).getByRole('button', { name: 'Node' }).click();
  await page.getByLabel('Connected node').selectOption({ label: 'Embedded Kubo node' });
  await expect(page.getByText('Embedded Kubo node: running, offline and loopback-only.')).toBeVisible();
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

test('switching nodes shows what keeps each row on the node now in use, not on the one before', async ({
  page,
  app,
}) => {
  const name = `switched-${Date.now().toString(36)}`;
  const files = { 'same.txt': 'on both nodes\n' };
  const other = await startKubo();
  try {
    // The same content: pinned on the embedded node, only in Files on the other.
    const cid = await addToFiles(app, name, files, true);
    expect(await addToFiles(other, name, files, false)).toBe(cid);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(fileRow(page, name)).toContainText('Pinned');

    await connectRemote(page, `Other ${name}`, other.apiUrl);
    await views(page).getByRole('button', { name: 'Files' }).click();
    await expect(fileRow(page, name)).toContainText('Files');
    await expect(fileRow(page, name)).not.toContainText('Pinned');

    await backToEmbedded(page);
    await views(page).getByRole('button', { name: 'Files' }).click();
    await expect(fileRow(page, name)).toContainText('Pinned');
  } finally {
    await forgetRemoteNodes(app);
    await other.stop();
  }
});

test('a node that stops answering leaves no pin status standing: the badge says it cannot tell', async ({
  page,
  app,
}) => {
  const name = `Leaving ${Date.now().toString(36)}`;
  const other = await startKubo();
  let stopped = false;
  try {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-keep-'));
    await writeFile(join(dir, 'kept.txt'), `${name}\n`);
    const cid = (await other.ipfs('add', '-Q', '--cid-version=1', join(dir, 'kept.txt'))).trim();
    await rm(dir, { recursive: true, force: true });
    await connectRemote(page, name, other.apiUrl);
    await views(page).getByRole('button', { name: 'Share' }).click();
    await page.getByLabel('Content to share').fill(cid);
    const badge = page.getByRole('list', { name: /^Pin status of/ });
    await expect(badge).toContainText('Local: pinned');

    await other.stop();
    stopped = true;
    // Nothing tells Cairn; the window asks when it is looked at again.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(page.getByRole('status', { name: 'Node running' })).toBeHidden();
    await expect(page.getByText('pin status unknown')).toBeVisible();
    await expect(badge).toHaveCount(0);

    await backToEmbedded(page);
    await views(page).getByRole('button', { name: 'Share' }).click();
    await expect(badge).toContainText('Local: not on this node');
  } finally {
    await forgetRemoteNodes(app);
    if (!stopped) await other.stop();
  }
});

test('the selected entry’s pin status is never the one of the entry selected before', async ({ page, app }) => {
  const tag = Date.now().toString(36);
  const [pinned, notPinned] = [`badge-pinned-${tag}`, `badge-files-${tag}`];
  await addToFiles(app, pinned, { 'a.txt': 'pinned here\n' }, true);
  const cid = await addToFiles(app, notPinned, { 'b.txt': 'only in Files\n' }, false);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const badge = page.getByRole('list', { name: /^Pin status of/ });
  await fileRow(page, pinned).click();
  await expect(badge).toContainText('Local: pinned');

  // The other entry's answer held on its way: meanwhile its badge says it is checking, not the last answer.
  let release = () => undefined as unknown;
  const asked = new Promise<void>((resolve) => {
    void page.route('**/__cairn/invoke/keep.status', (route) => {
      if (!route.request().postData()?.includes(cid)) return route.continue();
      release = () => route.continue();
      resolve();
    });
  });
  await fileRow(page, notPinned).click();
  await asked;
  await expect(page.getByText('checking pins…')).toBeVisible();
  await expect(badge).toHaveCount(0);
  release();
  await expect(badge).toContainText('Local: kept by Files');
  await page.unrouteAll();
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

test('content pinned and in Files that lacks a block reads as incomplete in Files and in Pins, not as kept whole', async ({
  page,
  app,
}) => {
  const name = `damaged-${Date.now().toString(36)}`;
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-keep-'));
  await mkdir(join(dir, name));
  await writeFile(join(dir, name, 'scan.bin'), randomBytes(2_500_000));
  // Leaves in dag-pb (Kubo's pin walks never read a raw leaf, so could not tell one is gone), three
  // of them whatever chunk size the node's import profile sets.
  const add = ['add', '-r', '-Q', '--cid-version=1', '--raw-leaves=false', '--pin=true', join(dir, name)];
  const cid = (await app.ipfs(...add)).trim();
  await rm(dir, { recursive: true, force: true });
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, `/${name}`);
  const scan = (await app.ipfs('resolve', '-r', `/ipfs/${cid}/scan.bin`)).trim().slice(6);
  const leaf = (await app.ipfs('refs', scan)).trim().split('\n')[1] ?? '';
  // A damaged disk: one leaf goes from under the running node, which still lists the pin.
  await deleteBlockFiles(join(app.dataDir, 'kubo-repo'), [leaf]);
  await page.getByRole('button', { name: 'Refresh' }).click();

  // Its status walks the pins and Files; finding the block missing, every view is told, the row too.
  await fileRow(page, name).click();
  await expect(page.getByRole('list', { name: /^Pin status of/ })).toHaveText(
    'Local: pinned, but 1 block is missing on this node',
  );
  await expect(fileRow(page, name)).toContainText('Pinned, incomplete');

  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByLabel('Filter by name or CID').fill(name);
  await expect(localPins(page).getByRole('listitem', { name: `/${name}`, exact: true })).toContainText('incomplete');
  await app.ipfs('pin', 'rm', cid);
  await app.ipfs('files', 'rm', '-r', `/${name}`);
});

test('a folder in Files whose lost block comes back shows its size and reads as kept whole again, once the window has focus', async ({
  page,
  app,
}) => {
  const name = `regained-${Date.now().toString(36)}`;
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-keep-'));
  await mkdir(join(dir, name, 'inner'), { recursive: true });
  await writeFile(join(dir, name, 'inner', 'scan.bin'), randomBytes(2_500_000));
  // Leaves in dag-pb, so that the walk of Files reads them, several whatever the chunk size (as above).
  const add = ['add', '-r', '-Q', '--cid-version=1', '--raw-leaves=false', '--pin=false', join(dir, name)];
  const cid = (await app.ipfs(...add)).trim();
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, `/${name}`);
  const scan = (await app.ipfs('resolve', '-r', `/ipfs/${cid}/inner/scan.bin`)).trim().slice(6);
  const leaf = (await app.ipfs('refs', scan)).trim().split('\n')[1] ?? '';
  const saved = join(dir, 'leaf.block');
  await writeFile(saved, await app.running.host.services.node.kubo().bytes('block/get', { arg: leaf }));
  const size = Number((await app.ipfs('files', 'stat', '--format=<cumulsize>', `/${name}`)).trim());
  // Another program takes the block, as a collection would.
  await app.ipfs('block', 'rm', leaf);

  await page.getByRole('button', { name: 'Refresh' }).click();
  // The size the node cannot give has the walk of Files read: the row says incomplete without being opened.
  await expect(fileRow(page, name)).toContainText('not all here');
  await expect(fileRow(page, name)).toContainText('incomplete');
  await fileRow(page, name).click();
  await expect(page.getByRole('list', { name: /^Pin status of/ })).toContainText('missing on this node');

  // Brought back behind Cairn's back (a copy of the block from elsewhere).
  await app.ipfs('block', 'put', '--cid-codec=dag-pb', saved);
  await rm(dir, { recursive: true, force: true });
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(fileRow(page, name)).not.toContainText('incomplete');
  await expect(fileRow(page, name)).toContainText(formatBytes(size));
  await app.ipfs('files', 'rm', '-r', `/${name}`);
});

test('a pin whose lost block comes back shows its size again in Pins, once the window has focus', async ({
  page,
  app,
}) => {
  const name = `pin-regained-${Date.now().toString(36)}`;
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-keep-'));
  await mkdir(join(dir, name));
  await writeFile(join(dir, name, 'scan.bin'), randomBytes(2_500_000));
  // Leaves in dag-pb, so that the walk of the pin reads them (as above).
  const add = ['add', '-r', '-Q', '--cid-version=1', '--raw-leaves=false', '--pin=true', join(dir, name)];
  const cid = (await app.ipfs(...add)).trim();
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, `/${name}`);
  const scan = (await app.ipfs('resolve', '-r', `/ipfs/${cid}/scan.bin`)).trim().slice(6);
  const leaf = (await app.ipfs('refs', scan)).trim().split('\n')[1] ?? '';
  const saved = join(dir, 'leaf.block');
  await writeFile(saved, await app.running.host.services.node.kubo().bytes('block/get', { arg: leaf }));
  const size = Number((await app.ipfs('files', 'stat', '--format=<cumulsize>', `/${name}`)).trim());
  // A damaged disk: the pinned block goes from under the running node.
  await deleteBlockFiles(join(app.dataDir, 'kubo-repo'), [leaf]);
  await page.getByRole('button', { name: 'Refresh' }).click();
  // Its status walks the pins and Files, and finds the block missing (as above).
  await fileRow(page, name).click();
  await expect(fileRow(page, name)).toContainText('Pinned, incomplete');

  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByLabel('Filter by name or CID').fill(name);
  const row = localPins(page).getByRole('listitem', { name: `/${name}`, exact: true });
  // The size column says "not all here" until the walk's answer replaces it with "incomplete": the end is what counts.
  await expect(row).toContainText('incomplete');

  // Brought back (a copy of the block from elsewhere), and seen by the recheck a focus starts.
  await app.ipfs('block', 'put', '--cid-codec=dag-pb', saved);
  await rm(dir, { recursive: true, force: true });
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(row).not.toContainText('incomplete');
  await expect(row).toContainText(formatBytes(size));
  await app.ipfs('pin', 'rm', cid);
  await app.ipfs('files', 'rm', '-r', `/${name}`);
});

test('a pin lacking a block reads as incomplete in Pins as soon as its size cannot be given, with nothing else opened', async ({
  page,
  app,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-keep-'));
  const name = `pin-only-${Date.now().toString(36)}`;
  await writeFile(join(dir, name), randomBytes(2_500_000));
  // Pinned only, with leaves in dag-pb (as above); nothing in Files.
  const add = ['add', '-Q', '--cid-version=1', '--raw-leaves=false', '--pin=true', join(dir, name)];
  const cid = (await app.ipfs(...add)).trim();
  await rm(dir, { recursive: true, force: true });
  const leaf = (await app.ipfs('refs', cid)).trim().split('\n')[1] ?? '';
  await deleteBlockFiles(join(app.dataDir, 'kubo-repo'), [leaf]);
  await page.getByRole('button', { name: 'Refresh' }).click();

  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByLabel('Filter by name or CID').fill(cid);
  const row = localPins(page).getByRole('listitem').filter({ hasText: cid });
  await expect(row).toContainText('not all here');
  await expect(row).toContainText('incomplete');
  await app.ipfs('pin', 'rm', cid);
});
