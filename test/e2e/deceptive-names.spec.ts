import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileRow, filesGrid } from '../harness/file-rows';
import { expect, notices, test } from './fixtures';
import { pickFile } from './pick-file';
import { expectRefusedAt } from './refused-field';

// "invoice\u202Efdp.exe" is an executable that plain text shows as "invoiceexe.pdf".
const CRAFTED = 'invoice\u202Efdp.exe';
const SHOWN = 'invoice⟨U+202E⟩fdp.exe';
// A right-to-left mark in a Hebrew name is spelling, not a trick: it stays as written.
const HEBREW = 'שלום\u200F.txt';
// What main says of a name typed with the override, at the field it was typed in.
const REFUSED = /A name cannot hold ⟨U\+202E⟩, a right-to-left override: it turns the text around it/;

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  await app.ipfs('files', 'rm', '-r', '--force', '/crafted');
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-names-'));
  await mkdir(join(dir, 'crafted'));
  await writeFile(join(dir, 'crafted', CRAFTED), 'MZ');
  await writeFile(join(dir, 'crafted', HEBREW), 'shalom');
  const cid = (await app.ipfs('add', '-r', '-Q', join(dir, 'crafted'))).trim();
  await rm(dir, { recursive: true, force: true });
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, '/crafted');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(fileRow(page, 'crafted')).toBeVisible();
});

// The app is shared by the worker's spec files: what these tests made leaves with them.
test.afterEach(async ({ app }) => {
  await app.ipfs('files', 'rm', '-r', '--force', '/crafted');
  await app.ipfs('files', 'rm', '--force', `/${CRAFTED}`);
});

test('a name that hides a right-to-left override shows it, in its row, its pin, its delete dialog and the notice; Hebrew stays as written', async ({
  page,
  app,
}) => {
  await fileRow(page, 'crafted').dblclick();
  const crafted = fileRow(page, SHOWN, '/crafted');
  await expect(crafted).toBeVisible();
  const marker = crafted.getByText('⟨U+202E⟩');
  await expect(marker).toBeVisible();
  await expect(marker).toHaveAttribute('title', 'Hidden character U+202E: right-to-left override');
  // Isolated: what follows the name in the row is not reordered by it.
  expect(
    await crafted
      .locator('bdi')
      .first()
      .evaluate((element) => getComputedStyle(element).unicodeBidi),
  ).toBe('isolate');

  const hebrew = fileRow(page, HEBREW, '/crafted');
  await expect(hebrew).toBeVisible();
  await expect(hebrew.getByText(/⟨U\+/)).toHaveCount(0);

  const cid = (await app.ipfs('files', 'stat', '--hash', `/crafted/${CRAFTED}`)).trim();
  await app.ipfs('pin', 'add', cid);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'On this node' }).click();
  // A pin is named by where Files holds it.
  const pinned = `/crafted/${SHOWN}`;
  const pin = page.getByRole('list', { name: 'Local pins' }).getByRole('listitem', { name: pinned, exact: true });
  await expect(pin.getByText('⟨U+202E⟩')).toBeVisible();
  await expect(pin.getByRole('button', { name: `Unpin ${pinned}` })).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Files' }).click();

  await crafted.click();
  await filesGrid(page, '/crafted').press('Enter');
  const preview = page.getByRole('complementary', { name: `Preview of ${SHOWN}` });
  await expect(preview.getByRole('heading', { name: SHOWN })).toBeVisible();
  await preview.getByRole('button', { name: 'Close preview' }).click();
  await expect(page.getByRole('toolbar', { name: `Actions for ${SHOWN}` })).toBeVisible();
  await filesGrid(page, '/crafted').press('F2');
  const rename = page.getByRole('dialog', { name: `Rename “${SHOWN}”` });
  await expect(rename.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
    `As it really is: ${SHOWN}. Its hidden characters make it read as another name.`,
  );
  // A new name typed with the override is the user's own disguise: refused at the field.
  const typed = 'report\u202Etxt.exe';
  await rename.getByRole('textbox', { name: 'Name' }).fill(typed);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expectRefusedAt(rename.getByRole('textbox', { name: 'Name' }), typed, REFUSED);
  await rename.getByRole('button', { name: 'Cancel' }).click();
  await filesGrid(page, '/crafted').press('Delete');
  const confirm = page.getByRole('alertdialog', { name: `Delete “${SHOWN}”?` });
  await expect(confirm.getByText('⟨U+202E⟩')).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(crafted).toHaveCount(0);
  await expect(notices(page).getByText(`Deleted “${SHOWN}”.`, { exact: false })).toBeVisible();

  await page.screenshot({ path: 'test-results/deceptive-names.png', fullPage: true });
  await app.ipfs('pin', 'rm', cid);
});

test('downloading a folder that holds such a name is refused, naming it as it really is; nothing is written', async ({
  page,
  app,
}) => {
  const exports = join(app.dataDir, 'exports');
  await rm(exports, { recursive: true, force: true });
  await fileRow(page, 'crafted').click();
  await page
    .getByRole('toolbar', { name: 'Actions for crafted' })
    .getByRole('button', { name: 'Download', exact: true })
    .click();
  await expect(
    notices(page).getByText(
      `“${SHOWN}” holds a hidden character that would make it read as another name, so nothing was written: rename it in Files first, or download it as a CAR.`,
    ),
  ).toBeVisible();
  expect(await readdir(exports).catch(() => [])).toEqual([]);
});

test('a text file typed with such a name is refused at its name; a file of that name from disk is added, and its row shows it', async ({
  page,
}) => {
  await page.getByRole('button', { name: 'New text file' }).click();
  const form = page.getByRole('form', { name: 'New text file' });
  await form.getByRole('textbox', { name: 'File name' }).fill(CRAFTED);
  await form.getByRole('textbox', { name: 'Content' }).fill('MZ');
  await form.getByRole('button', { name: 'Add text file' }).click();
  await expectRefusedAt(form.getByRole('textbox', { name: 'File name' }), CRAFTED, REFUSED);

  await pickFile(page, CRAFTED, 'application/octet-stream', 'MZ');
  const upload = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem', { name: SHOWN, exact: true });
  await expect(upload.getByTitle('Hidden character U+202E: right-to-left override')).toHaveText('⟨U+202E⟩');
  await expect(upload.getByLabel(`CID of ${SHOWN}`, { exact: true })).toHaveText(/^baf/);
});
