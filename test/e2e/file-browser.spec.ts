import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fileRow, filesGrid } from '../harness/file-rows';
import { expect, notices, test, type CairnApp } from './fixtures';
import { recordLiveWords } from './live-words';
import { expectMenuAtRow } from './menu-at-row';

// A 2×2 PNG, so that the preview has real pixels to decode.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
const NOTES = 'First line of the notes\nsecond line, with <b>markup</b> that must stay text\n';

/** /docs with a text file, an image and a folder, put in MFS with Kubo's own CLI. */
async function seed(app: CairnApp): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-browser-'));
  await mkdir(join(dir, 'docs', 'archive'), { recursive: true });
  await writeFile(join(dir, 'docs', 'notes.txt'), NOTES);
  await writeFile(join(dir, 'docs', 'pixel.png'), PNG);
  const cid = (await app.ipfs('add', '-r', '-Q', '--pin=true', join(dir, 'docs'))).trim();
  await rm(dir, { recursive: true, force: true });
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, '/docs');
}

const row = (page: Page, folder: string, name: string) => fileRow(page, name, folder);
const mfsNames = async (app: CairnApp, folder: string) =>
  (await app.ipfs('files', 'ls', folder)).split('\n').filter(Boolean).sort();

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  // The app starts its node in the background; Kubo's CLI needs it initialised.
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  await app.ipfs('files', 'rm', '-r', '--force', '/docs');
  await seed(app);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(row(page, '/', 'docs')).toBeVisible();
});

test('opens a folder, renames with F2, moves by dragging onto a folder, previews text and an image', async ({
  page,
  app,
}) => {
  await expect(row(page, '/', 'docs')).toContainText('Pinned');
  await row(page, '/', 'docs').dblclick();
  await expect(filesGrid(page, '/docs')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Folder path' }).getByRole('button')).toHaveText(['Files', 'docs']);
  await expect(row(page, '/docs', 'notes.txt')).toContainText('In a pin');

  await row(page, '/docs', 'notes.txt').click();
  await filesGrid(page, '/docs').press('F2');
  const rename = page.getByRole('dialog', { name: 'Rename “notes.txt”' });
  await rename.getByLabel('Name').fill('--my notes ☕.txt');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(row(page, '/docs', '--my notes ☕.txt')).toBeVisible();
  expect(await mfsNames(app, '/docs')).toEqual(['--my notes ☕.txt', 'archive', 'pixel.png']);

  await row(page, '/docs', 'pixel.png').dragTo(row(page, '/docs', 'archive'));
  await expect(row(page, '/docs', 'pixel.png')).toHaveCount(0);
  expect(await mfsNames(app, '/docs/archive')).toEqual(['pixel.png']);

  await row(page, '/docs', '--my notes ☕.txt').click();
  await filesGrid(page, '/docs').press('Enter');
  const textPreview = page.getByRole('complementary', { name: 'Preview of --my notes ☕.txt' });
  await expect(textPreview.getByLabel('Text content')).toHaveText(NOTES);

  await row(page, '/docs', 'archive').dblclick();
  await row(page, '/docs/archive', 'pixel.png').click();
  await page.getByRole('toolbar', { name: 'Actions for pixel.png' }).getByRole('button', { name: 'Preview' }).click();
  const image = page
    .getByRole('complementary', { name: 'Preview of pixel.png' })
    .getByRole('img', { name: 'pixel.png' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(2);
  await page.screenshot({ path: 'test-results/file-browser.png', fullPage: true });

  // Moving back by dropping on the breadcrumb of the parent folder.
  await row(page, '/docs/archive', 'pixel.png').dragTo(
    page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'docs' }),
  );
  await expect(row(page, '/docs/archive', 'pixel.png')).toHaveCount(0);
  expect(await mfsNames(app, '/docs')).toContain('pixel.png');
});

test('downloads a file, a folder and a CAR to disk, then deletes a file and unpins it', async ({ page, app }) => {
  const exports = join(app.dataDir, 'exports');
  await rm(exports, { recursive: true, force: true });
  await row(page, '/', 'docs').dblclick();
  await row(page, '/docs', 'notes.txt').click();
  const actions = page.getByRole('toolbar', { name: 'Actions for notes.txt' });
  const said = await recordLiveWords(actions, '[role="status"]');
  await actions.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(notices(page).getByText(`Saved “notes.txt” to ${join(exports, 'notes.txt')}.`)).toBeVisible();
  // The download is announced as it starts, not with each count of bytes.
  expect(await said()).toEqual(['Downloading “notes.txt”']);
  expect(await readFile(join(exports, 'notes.txt'), 'utf8')).toBe(NOTES);

  await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'Files' }).click();
  await row(page, '/', 'docs').click();
  await page
    .getByRole('toolbar', { name: 'Actions for docs' })
    .getByRole('button', { name: 'Download', exact: true })
    .click();
  await expect(notices(page).getByText(`Saved “docs” to ${join(exports, 'docs')}.`)).toBeVisible();
  expect(await readFile(join(exports, 'docs', 'pixel.png'))).toEqual(PNG);
  expect(await readFile(join(exports, 'docs', 'notes.txt'), 'utf8')).toBe(NOTES);

  await page
    .getByRole('toolbar', { name: 'Actions for docs' })
    .getByRole('button', { name: 'More actions for docs' })
    .click();
  await page.getByRole('menuitem', { name: 'Download as CAR' }).click();
  await expect(notices(page).getByText(`Saved “docs” as a CAR to ${join(exports, 'docs.car')}.`)).toBeVisible();
  const docsCid = (await app.ipfs('files', 'stat', '--hash', '/docs')).trim();
  const blocks = (await app.ipfs('refs', '-r', '--unique', docsCid)).split('\n').filter(Boolean).length + 1;
  const imported = await app.ipfs('dag', 'import', '--pin-roots=false', '--stats', join(exports, 'docs.car'));
  expect(imported).toContain(`Imported ${blocks} blocks`);

  await row(page, '/', 'docs').dblclick();
  const notesCid = (await app.ipfs('files', 'stat', '--hash', '/docs/notes.txt')).trim();
  await app.ipfs('pin', 'add', notesCid);
  await row(page, '/docs', 'notes.txt').click();
  await filesGrid(page, '/docs').press('Delete');
  const confirm = page.getByRole('alertdialog', { name: 'Delete “notes.txt”?' });
  await confirm.getByLabel('Also unpin its CID').check();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(row(page, '/docs', 'notes.txt')).toHaveCount(0);
  await expect(
    notices(page).getByText('Deleted “notes.txt”. Its content stays on this node: another pin contains it.'),
  ).toBeVisible();
  expect(await mfsNames(app, '/docs')).toEqual(['archive', 'pixel.png']);
  expect(await app.ipfs('pin', 'ls', '--type=recursive', '-q')).not.toContain(notesCid);
});

test('makes a folder, refuses a taken name, and filters by name and CID', async ({ page, app }) => {
  await page.getByRole('button', { name: 'New folder' }).click();
  const dialog = page.getByRole('dialog', { name: 'New folder' });
  await dialog.getByLabel('Name').fill('docs');
  await dialog.getByRole('button', { name: 'Create folder' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Files already has an item at /docs: choose another name.');
  await dialog.getByLabel('Name').fill('..');
  await expect(dialog.getByText('“..” is not a name: it points at a folder itself.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create folder' })).toBeDisabled();
  await dialog.getByLabel('Name').fill('new one');
  await dialog.getByRole('button', { name: 'Create folder' }).click();
  await expect(row(page, '/', 'new one')).toBeVisible();
  expect(await mfsNames(app, '/')).toContain('new one');

  await page.getByLabel('Filter by name or CID').fill('new');
  await expect(filesGrid(page, '/').getByRole('row')).toHaveCount(2);
  const docsCid = (await app.ipfs('files', 'stat', '--hash', '/docs')).trim();
  await page.getByLabel('Filter by name or CID').fill(docsCid.slice(0, 12));
  await expect(row(page, '/', 'docs')).toBeVisible();
  await expect(row(page, '/', 'new one')).toHaveCount(0);

  // The keyboard alone: Home, arrows, Enter into a folder, Backspace back out.
  await page.getByLabel('Filter by name or CID').fill('');
  await filesGrid(page, '/').focus();
  await page.keyboard.press('Home');
  await expect(row(page, '/', 'docs')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(row(page, '/', 'new one')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(filesGrid(page, '/docs')).toBeVisible();
  await filesGrid(page, '/docs').focus();
  await page.keyboard.press('Backspace');
  await expect(filesGrid(page, '/')).toBeVisible();

  // An empty folder has nothing to select, so the hint on selecting is not said.
  await row(page, '/', 'new one').dblclick();
  await expect(page.getByText('This folder is empty.')).toBeVisible();
  await expect(page.getByText(/^Select items to act on them/)).toHaveCount(0);
  await app.ipfs('files', 'rm', '-r', '/new one');
});

test('selects three files, moves them by cut and paste, deletes from the context menu, and Esc closes a preview', async ({
  page,
  app,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-select-'));
  const picked = ['one.txt', 'two.txt', 'three.txt'];
  for (const name of picked) {
    await writeFile(join(dir, name), `${name}\n`);
    const cid = (await app.ipfs('add', '-Q', join(dir, name))).trim();
    await app.ipfs('files', 'rm', '--force', `/${name}`);
    await app.ipfs('files', 'cp', `/ipfs/${cid}`, `/${name}`);
  }
  await rm(dir, { recursive: true, force: true });
  await page.getByRole('button', { name: 'Refresh' }).click();

  await row(page, '/', 'one.txt').click();
  await row(page, '/', 'two.txt').click({ modifiers: ['ControlOrMeta'] });
  await row(page, '/', 'three.txt').click({ modifiers: ['ControlOrMeta'] });
  await expect(filesGrid(page, '/').getByRole('row', { selected: true })).toHaveCount(3);
  await expect(page.getByRole('toolbar', { name: 'Actions for 3 items' })).toContainText('3 selected');
  await filesGrid(page, '/').press('ControlOrMeta+x');
  await row(page, '/', 'docs').dblclick();
  await filesGrid(page, '/docs').press('ControlOrMeta+v');
  for (const name of picked) await expect(row(page, '/docs', name)).toBeVisible();
  expect(await mfsNames(app, '/docs')).toEqual([
    'archive',
    'notes.txt',
    'one.txt',
    'pixel.png',
    'three.txt',
    'two.txt',
  ]);
  for (const name of picked) expect(await mfsNames(app, '/')).not.toContain(name);

  // The pasted three stay selected: a right-click on one of them would act on all three.
  await row(page, '/docs', 'two.txt').click();
  await row(page, '/docs', 'two.txt').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Menu for two.txt' }).getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('alertdialog', { name: 'Delete “two.txt”?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(row(page, '/docs', 'two.txt')).toHaveCount(0);
  expect(await mfsNames(app, '/docs')).not.toContain('two.txt');

  await row(page, '/docs', 'notes.txt').dblclick();
  await expect(page.getByRole('complementary', { name: 'Preview of notes.txt' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Preview of notes.txt' })).toHaveCount(0);
});

test("a row's menu opens by keyboard at the row; keys pressed in it are its own; the headers sort by keyboard, in the grid's one Tab stop", async ({
  page,
}) => {
  await row(page, '/', 'docs').dblclick();
  const grid = filesGrid(page, '/docs');
  const archive = row(page, '/docs', 'archive');
  const menu = page.getByRole('menu', { name: 'Menu for archive' });
  // Shift+F10 on the list opens the active row's menu under that row, the focus on its first entry.
  await archive.click();
  await page.keyboard.press('Shift+F10');
  await expect(menu.getByRole('menuitem', { name: 'Open' })).toBeFocused();
  await expectMenuAtRow(archive, menu);
  // Escape gives the focus back to the list, archive still its active row.
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(grid).toBeFocused();
  await expect(grid.getByRole('row', { selected: true })).toHaveAccessibleName(/^archive /);
  // The grid is one Tab stop, headers and rows: Tab goes out, no sort button or row's "…" on the way (the
  // keys above open the same menu, the ones below sort); Shift+Tab comes back to the grid.
  await page.keyboard.press('Tab');
  expect(await grid.evaluate((element) => element.contains(document.activeElement))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(grid).toBeFocused();

  // The ContextMenu key too; down the menu to Rename: the list's selection and cursor stay on archive.
  await page.keyboard.press('ContextMenu');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await expect(grid.getByRole('row', { selected: true })).toHaveAccessibleName(/^archive /);
  // Enter renames archive, and opens nothing; the dialog closed, the focus is on the list again, not on
  // the page's body (the menu entry that opened the dialog is gone).
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Rename “archive”' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(archive).toBeVisible();
  await expect(grid).toBeFocused();
  // So with a right-click, and with the row's "…".
  await archive.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByRole('dialog', { name: 'Rename “archive”' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(grid).toBeFocused();
  await archive.getByRole('button', { name: 'Actions for archive' }).click();
  await page.getByRole('menu', { name: 'Actions for archive' }).getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByRole('dialog', { name: 'Rename “archive”' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(grid).toBeFocused();
  // Up from the first row reaches the sorted column's header; Enter sorts, Right moves along the headers,
  // Space sorts there; Down goes back to the rows. The list keeps the focus all along.
  const name = grid.getByRole('columnheader', { name: 'Name' });
  const size = grid.getByRole('columnheader', { name: 'Size' });
  await expect(name).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowUp');
  await expect(grid).toHaveAttribute('aria-activedescendant', (await name.getAttribute('id')) ?? '');
  await page.keyboard.press('Enter');
  await expect(name).toHaveAttribute('aria-sort', 'descending');
  await page.keyboard.press('ArrowRight');
  await expect(grid).toHaveAttribute('aria-activedescendant', (await size.getAttribute('id')) ?? '');
  await page.keyboard.press(' ');
  await expect(size).toHaveAttribute('aria-sort', 'ascending');
  await expect(name).not.toHaveAttribute('aria-sort');
  await page.keyboard.press('ArrowDown');
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', (await archive.getAttribute('id')) ?? '');
  // A click on a sort button sorts too.
  await name.getByRole('button').click();
  await expect(name).toHaveAttribute('aria-sort', 'ascending');
});

test('shows folders made and renamed behind its back once the window has focus, names differing in case in one order either way', async ({
  page,
  app,
}) => {
  await app.ipfs('files', 'rm', '-r', '--force', '/twins');
  await app.ipfs('files', 'mkdir', '/twins');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await row(page, '/', 'twins').dblclick();
  await expect(page.getByText('This folder is empty.')).toBeVisible();
  // Kubo lists them in byte order (CASE, Case, case); Cairn sorts by name, any case, and then by case.
  for (const name of ['CASE', 'Case', 'case']) await app.ipfs('files', 'mkdir', `/twins/${name}`);
  // Cairn looks for changes made behind its back when the window gets focus.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  const grid = filesGrid(page, '/twins');
  const inOrder = async (names: string[]) => {
    await expect(grid.getByRole('row')).toHaveCount(names.length + 1);
    for (const [index, name] of names.entries()) {
      await expect(grid.getByRole('row').nth(index + 1)).toHaveAccessibleName(new RegExp(`^${name} `));
    }
  };
  await inOrder(['case', 'Case', 'CASE']);
  const byName = grid.getByRole('columnheader', { name: 'Name' });
  await byName.getByRole('button').click();
  await expect(byName).toHaveAttribute('aria-sort', 'descending');
  await inOrder(['CASE', 'Case', 'case']);

  await app.ipfs('files', 'mv', '/twins/Case', '/twins/cASE');
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await inOrder(['CASE', 'cASE', 'case']);
  await byName.getByRole('button').click();
  await inOrder(['case', 'cASE', 'CASE']);
  await app.ipfs('files', 'rm', '-r', '/twins');
});

test('deleting six entries of which another program removed five says so in one notice, each name with why', async ({
  page,
  app,
}) => {
  const names = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'];
  await app.ipfs('files', 'rm', '-r', '--force', '/batch');
  for (const name of names) await app.ipfs('files', 'mkdir', '-p', `/batch/${name}`);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await row(page, '/', 'batch').dblclick();
  const grid = filesGrid(page, '/batch');
  await expect(grid.getByRole('row')).toHaveCount(names.length + 1);
  await grid.press('ControlOrMeta+a');
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(names.length);
  // Gone behind its back, before the view looked again.
  for (const name of names.slice(1)) await app.ipfs('files', 'rm', '-r', `/batch/${name}`);
  await grid.press('Delete');
  await page.getByRole('alertdialog', { name: 'Delete 6 items?' }).getByRole('button', { name: 'Delete' }).click();

  await expect(notices(page).getByText('Deleted “f1”.')).toBeVisible();
  const failed = notices(page).getByRole('listitem').filter({ hasText: 'Could not delete 5 of 6 items' });
  await expect(failed).toContainText('“f2”: Files has nothing at /batch/f2. And 4 more, named under Details.');
  await failed.getByText('Details', { exact: true }).click();
  for (const name of names.slice(1)) {
    await expect(failed.getByRole('group')).toContainText(`${name}: Files has nothing at /batch/${name}.`);
  }
  await expect(page.getByText('This folder is empty.')).toBeVisible();
  expect(await mfsNames(app, '/batch')).toEqual([]);
  await app.ipfs('files', 'rm', '-r', '/batch');
});

test('deleting the active row makes the row now in its place active and selected, the one before it when it was last; a filter moves the active row, not the selection', async ({
  page,
}) => {
  await row(page, '/', 'docs').dblclick();
  const grid = filesGrid(page, '/docs');
  /** The row the grid names as its active one, by its accessible name. */
  const isActive = async (name: string) =>
    expect(grid).toHaveAttribute('aria-activedescendant', (await row(page, '/docs', name).getAttribute('id')) ?? '');
  const deleteActive = async (name: string) => {
    await page.keyboard.press('Delete');
    await page
      .getByRole('alertdialog', { name: `Delete “${name}”?` })
      .getByRole('button', { name: 'Delete' })
      .press('Enter');
    await expect(row(page, '/docs', name)).toHaveCount(0);
  };
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(row(page, '/docs', 'notes.txt')).toHaveAttribute('aria-selected', 'true');

  // A filter hiding the active row makes the one in its place active; notes.txt stays the one selected.
  await page.getByLabel('Filter by name or CID').fill('p');
  await expect(row(page, '/docs', 'notes.txt')).toHaveCount(0);
  await isActive('pixel.png');
  // Back on the list by keyboard, the active row shows where the keys act, selected or not.
  await grid.focus();
  await page.keyboard.press('Shift');
  await expect(row(page, '/docs', 'pixel.png')).toHaveAttribute('aria-selected', 'false');
  await expect(row(page, '/docs', 'pixel.png')).toHaveCSS('outline-style', 'solid');
  await page.getByLabel('Filter by name or CID').fill('');
  await expect(row(page, '/docs', 'notes.txt')).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, '/docs', 'pixel.png')).toHaveAttribute('aria-selected', 'false');

  await grid.focus();
  await page.keyboard.press('ArrowUp');
  await expect(row(page, '/docs', 'notes.txt')).toHaveAttribute('aria-selected', 'true');
  await deleteActive('notes.txt');
  await expect(grid).toBeFocused();
  await isActive('pixel.png');
  // Deleted, not filtered out: the row in its place is the selected one too, and the next Delete acts on it.
  await expect(row(page, '/docs', 'pixel.png')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('toolbar', { name: 'Actions for pixel.png' })).toBeVisible();
  await deleteActive('pixel.png');
  await expect(grid).toBeFocused();
  await isActive('archive');
  await expect(row(page, '/docs', 'archive')).toHaveAttribute('aria-selected', 'true');
});

test('in a 900×600 window the row the keys move to is on screen, and so is the menu Shift+F10 opens for it', async ({
  page,
  app,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-browser-'));
  await mkdir(join(dir, 'many'));
  for (let index = 10; index < 40; index += 1) await writeFile(join(dir, 'many', `file ${index}.txt`), `${index}\n`);
  const cid = (await app.ipfs('add', '-r', '-Q', join(dir, 'many'))).trim();
  await rm(dir, { recursive: true, force: true });
  await app.ipfs('files', 'rm', '-r', '--force', '/many');
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, '/many');
  await page.setViewportSize({ width: 900, height: 600 });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await row(page, '/', 'many').dblclick();
  const grid = filesGrid(page, '/many');
  await grid.focus();
  // The grid's foot is under the window's edge at this size: the view's scroll area brings the row up.
  await page.keyboard.press('Home');
  for (let step = 0; step < 8; step += 1) await page.keyboard.press('ArrowDown');
  await expect(row(page, '/many', 'file 18.txt')).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, '/many', 'file 18.txt')).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('End');
  const last = row(page, '/many', 'file 39.txt');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Menu for file 39.txt' });
  await expect(menu.getByRole('menuitem', { name: 'Preview' })).toBeFocused();
  await expect(menu).toBeInViewport({ ratio: 1 });
  await expectMenuAtRow(last, menu);
  await page.keyboard.press('Escape');
  await expect(grid).toBeFocused();
  // Scrolled away by the wheel, the active row comes back into view as its menu opens.
  await page.locator('.app-main').evaluate((main) => main.scrollTo(0, 0));
  await expect(last).not.toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeInViewport({ ratio: 1 });
  await expectMenuAtRow(last, menu);
  await page.keyboard.press('Escape');
  await app.ipfs('files', 'rm', '-r', '/many');
});
