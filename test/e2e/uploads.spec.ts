import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dropFromDisk } from './drop-files';
import { expect, test, type CairnApp } from './fixtures';
import { expectRefusedAt } from './refused-field';

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

/** Each upload row, by name, shows the CID `ipfs add` (`-r` for a folder) gives the same path on disk. */
async function expectKuboCids(
  page: Page,
  app: Pick<CairnApp, 'ipfs'>,
  rows: [name: string, path: string][],
): Promise<void> {
  const uploads = page.getByRole('list', { name: 'Uploads' });
  for (const [name, path] of rows) {
    const expected = (await app.ipfs('add', '--only-hash', '-Q', '-r', path)).trim();
    await expect(
      uploads.getByRole('listitem', { name, exact: true }).getByLabel(`CID of ${name}`, { exact: true }),
    ).toHaveText(expected);
  }
}

test('several files and a folder dragged from disk are added with the CIDs Kubo computes', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-drop-'));
  await writeFile(join(dir, 'first.txt'), 'first file\n');
  await writeFile(join(dir, 'second.json'), '{"second":true}');
  // Past the size a browser streams to main on its own, rather than inline with the request.
  await writeFile(join(dir, 'large.bin'), randomBytes(3 * 1024 * 1024 + 1));
  const folder = join(dir, 'album');
  await mkdir(join(folder, 'inside'), { recursive: true });
  await writeFile(join(folder, 'cover.txt'), 'cover');
  await writeFile(join(folder, 'inside', 'track 1.txt'), 'track one');

  await dropFromDisk(page, [join(dir, 'first.txt'), join(dir, 'second.json'), join(dir, 'large.bin'), folder]);

  await expectKuboCids(page, app, [
    ['first.txt', join(dir, 'first.txt')],
    ['second.json', join(dir, 'second.json')],
    ['large.bin', join(dir, 'large.bin')],
    ['album', folder],
  ]);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  await expect(uploads.getByRole('listitem', { name: 'album', exact: true })).toContainText('in /album');
  expect(await app.ipfs('files', 'ls', '/album/inside')).toContain('track 1.txt');
  await page.screenshot({ path: 'test-results/uploads-dropped.png' });
  await rm(dir, { recursive: true, force: true });
});

test('a dropped file’s bytes leave for main before the page renders anything of the drop', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-drop-first-'));
  const path = join(dir, 'sent-first.bin');
  await writeFile(path, randomBytes(2 * 1024 * 1024));
  // Changes to the page from the drop on, counted when the request carrying the file's bytes is sent.
  await page.evaluate(() => {
    const seen = new MutationObserver(() => undefined);
    const state = window as unknown as { changesBeforeBytes?: number };
    window.addEventListener(
      'drop',
      () => seen.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }),
      { capture: true, once: true },
    );
    const send = Reflect.get<XMLHttpRequest, 'send'>(XMLHttpRequest.prototype, 'send');
    XMLHttpRequest.prototype.send = function (body) {
      if (body instanceof File) state.changesBeforeBytes = seen.takeRecords().length;
      send.call(this, body);
    };
  });

  await dropFromDisk(page, [path]);

  await expectKuboCids(page, app, [['sent-first.bin', path]]);
  expect(await page.evaluate(() => (window as unknown as { changesBeforeBytes?: number }).changesBeforeBytes)).toBe(0);
  await rm(dir, { recursive: true, force: true });
});

test('Add files and Add folder open the system pickers and add what was chosen', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-pick-'));
  await writeFile(join(dir, 'picked.txt'), 'picked with the file picker\n');
  const folder = join(dir, 'picked folder');
  await mkdir(folder);
  await writeFile(join(folder, 'one.txt'), 'one');

  for (const [button, path] of [
    ['Add files', join(dir, 'picked.txt')],
    ['Add folder', folder],
  ] as const) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: button, exact: true }).click();
    await (await chooser).setFiles(path);
  }

  await expectKuboCids(page, app, [
    ['picked.txt', join(dir, 'picked.txt')],
    ['picked folder', folder],
  ]);
  await rm(dir, { recursive: true, force: true });
});

test('a long upload shows its progress, cancels, and retries from the queue', async ({ page, app }) => {
  // The bridge's stand-in for the OS dialog answers from this folder; main grants what it picks.
  const dir = join(app.dataDir, 'exports');
  await mkdir(dir, { recursive: true });
  const big = join(dir, 'big.bin');
  // Sparse: 4 GiB for the node to hash, made at once. Electron streams a chosen file like this one from disk.
  const handle = await open(big, 'w');
  await handle.truncate(4 * 1024 * 1024 * 1024);
  await handle.close();
  await page.evaluate(async () => {
    const settings = await window.cairn?.invoke('settings.get', {});
    const chosen = await window.cairn?.invoke('files.choose', { kind: 'files', multiple: true });
    if (!settings?.ok || !chosen?.ok) throw new Error('no settings or no dialog');
    const grant = chosen.data.find((one) => one.name === 'big.bin')?.grant ?? '';
    await window.cairn?.invoke('uploads.enqueue', {
      folder: '/',
      sources: [{ kind: 'grant', grant }],
      options: settings.data.uploads,
    });
  });

  const row = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem', { name: 'big.bin', exact: true });
  const bar = row.getByRole('progressbar', { name: 'Adding big.bin' });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
  await expect(row).toContainText('of 4.0 GiB');
  await expect(page.getByText(/^Uploading: 1 in progress, .* of 4\.0 GiB/)).toBeVisible();
  await page.screenshot({ path: 'test-results/uploads-progress.png' });

  await row.getByRole('button', { name: 'Cancel adding big.bin' }).click();
  await expect(row).toContainText('Cancelled');
  // The summary names the cancelled upload; earlier tests' uploads may be listed before it.
  await expect(page.getByRole('region', { name: 'Uploads' }).getByText(/(^|, )1 cancelled$/)).toBeVisible();
  await writeFile(big, 'small at last');
  await row.getByRole('button', { name: 'Retry big.bin' }).click();
  await expect(row.getByLabel('CID of big.bin', { exact: true })).toHaveText(/^baf/);
});

test('text pasted as a new file and content imported by CID land in Files', async ({ page, app }) => {
  await page.getByRole('button', { name: 'New text file' }).click();
  const form = page.getByRole('form', { name: 'New text file' });
  // A name the renderer lets through but main would not write on every OS is refused at its field.
  await form.getByRole('textbox', { name: 'File name' }).fill('CON.txt');
  await form.getByRole('button', { name: 'Add text file' }).click();
  await expectRefusedAt(
    form.getByRole('textbox', { name: 'File name' }),
    'CON.txt',
    /^“CON\.txt” is a device name on Windows\.$/,
  );
  await form.getByRole('textbox', { name: 'File name' }).fill('hello note.txt');
  await form.getByRole('textbox', { name: 'Content' }).fill('hello from a person\n');
  await form.getByRole('button', { name: 'Add text file' }).click();
  const note = page
    .getByRole('list', { name: 'Uploads' })
    .getByRole('listitem', { name: 'hello note.txt', exact: true });
  await expect(note.getByLabel('CID of hello note.txt', { exact: true })).toHaveText(/^baf/);
  expect(await app.ipfs('files', 'read', '/hello note.txt')).toBe('hello from a person\n');
  await note.getByRole('button', { name: 'Actions for hello note.txt' }).click();
  await page.getByRole('menuitem', { name: 'Publish under a name' }).click();
  await expect(
    page.getByRole('form', { name: 'Publish under a name' }).getByRole('textbox', { name: 'CID or Files path' }),
  ).toHaveValue('/hello note.txt');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Files' }).click();

  // The queue folds to its summary line and opens again.
  const queue = page.getByRole('region', { name: 'Uploads' });
  await queue.getByRole('button', { name: 'Hide uploads' }).click();
  await expect(queue.getByRole('list', { name: 'Uploads' })).toHaveCount(0);
  await expect(queue).toContainText(/\d+ done/);
  await queue.getByRole('button', { name: 'Show uploads' }).click();
  await expect(note).toBeVisible();

  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-import-'));
  await writeFile(join(dir, 'elsewhere.txt'), 'added by the CLI');
  const cid = (await app.ipfs('add', '-Q', '--pin=false', join(dir, 'elsewhere.txt'))).trim();
  await rm(dir, { recursive: true, force: true });
  await page.getByRole('button', { name: 'Import by CID' }).click();
  const importForm = page.getByRole('form', { name: 'Import by CID' });
  await importForm.getByRole('textbox', { name: 'CID, /ipfs/ path or ipfs:// link' }).fill(`ipfs://${cid}`);
  await importForm.getByRole('textbox', { name: 'Name in Files' }).fill('notes/imported.txt');
  await importForm.getByRole('button', { name: 'Import' }).click();
  await expectRefusedAt(
    importForm.getByRole('textbox', { name: 'Name in Files' }),
    'notes/imported.txt',
    /A name cannot contain “\/”\.$/,
  );
  await expect(importForm.getByRole('textbox', { name: 'CID, /ipfs/ path or ipfs:// link' })).toHaveValue(
    `ipfs://${cid}`,
  );
  await importForm.getByRole('textbox', { name: 'Name in Files' }).fill('imported.txt');
  await importForm.getByRole('button', { name: 'Import' }).click();
  const imported = page
    .getByRole('list', { name: 'Uploads' })
    .getByRole('listitem', { name: 'imported.txt', exact: true });
  await expect(imported).toContainText('Linked into Files by reference: nothing was fetched or pinned at import.');
  expect(await app.ipfs('files', 'read', '/imported.txt')).toBe('added by the CLI');
  // The row tells what the import did, not a pin state it does not follow: pinned since, it says nothing false.
  await app.ipfs('pin', 'add', cid);
  await expect(imported).not.toContainText('not pinned');
  await app.ipfs('pin', 'rm', cid);

  await page.getByRole('button', { name: 'Import by CID' }).click();
  await importForm.getByRole('textbox', { name: 'CID, /ipfs/ path or ipfs:// link' }).fill('nonsense');
  await importForm.getByRole('button', { name: 'Import' }).click();
  const refused = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem', { name: 'nonsense', exact: true });
  await expect(refused).toContainText(
    '“nonsense” is not a CID or an IPFS link: paste a CID, an /ipfs/ path, an ipfs:// link or a gateway link.',
  );
  // The parser's own line and the code wait behind Details.
  await expect(refused.getByText('Code: VALIDATION')).toBeHidden();
  await refused.getByText('Details', { exact: true }).click();
  await expect(
    refused.getByText(/Code: VALIDATION\n“nonsense” is not a CID, nor a DNSLink name \(single-label\)\./),
  ).toBeVisible();
});
