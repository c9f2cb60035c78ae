import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type CairnApp } from './fixtures';
import { expectMenuAtRow } from './menu-at-row';

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

/** A sparse file of `gib` GiB the node takes a while to hash, queued as the OS dialog would give it. */
async function enqueueSparse(page: Page, app: Pick<CairnApp, 'dataDir'>, name: string, gib: number): Promise<string> {
  // The bridge's stand-in for the OS dialog answers from this folder; main grants what it picks.
  const dir = join(app.dataDir, 'exports');
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const handle = await open(path, 'w');
  await handle.truncate(gib * 1024 * 1024 * 1024);
  await handle.close();
  await page.evaluate(async (wanted) => {
    const settings = await window.cairn?.invoke('settings.get', {});
    const chosen = await window.cairn?.invoke('files.choose', { kind: 'files', multiple: true });
    if (!settings?.ok || !chosen?.ok) throw new Error('no settings or no dialog');
    const grant = chosen.data.find((one) => one.name === wanted)?.grant ?? '';
    await window.cairn?.invoke('uploads.enqueue', {
      folder: '/',
      sources: [{ kind: 'grant', grant }],
      options: settings.data.uploads,
    });
  }, name);
  return path;
}

test('the queue announces that uploads started and how they ended, not every step of their progress', async ({
  page,
  app,
}) => {
  // Every text a live region of the Uploads panel takes, in order: what a screen reader would say.
  await page.evaluate(() => {
    const said: string[] = [];
    const last = new WeakMap<Element, string>();
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => {
      const panel = document.querySelector('section[aria-labelledby="uploads-title"]');
      if (!panel) return;
      for (const live of panel.querySelectorAll('[aria-live], [role="status"], [role="alert"]')) {
        const text = live.textContent;
        if (last.get(live) !== text && text !== '') said.push(text);
        last.set(live, text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const path = await enqueueSparse(page, app, 'announced.bin', 4);

  const row = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem', { name: 'announced.bin', exact: true });
  const bar = row.getByRole('progressbar', { name: 'Adding announced.bin' });
  // Three steps of progress shown, each its own number of bytes.
  const seen = new Set<number>();
  await expect
    .poll(async () => {
      seen.add(Number(await bar.getAttribute('value')));
      return seen.size;
    })
    .toBeGreaterThan(3);
  await row.getByRole('button', { name: 'Cancel adding announced.bin' }).press('Enter');
  await expect(row).toContainText('Cancelled');
  // Its Cancel gone (Retry in its place), the focus stays on the row, not on the page's body.
  await expect(row).toBeFocused();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said.at(-1)))
    .toMatch(/1 cancelled$/);

  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  // Earlier tests' uploads may have been announced first; this one is said as it starts and as it ends.
  expect(said.slice(-2)).toEqual([expect.stringMatching(/^Uploading$/), expect.stringMatching(/1 cancelled$/)]);
  expect(said.filter((text) => text === 'Uploading')).toHaveLength(1);
  // Spec files share one app: the row ends as done, not cancelled, and leaves nothing in Files.
  await writeFile(path, 'small at last');
  await row.getByRole('button', { name: 'Retry announced.bin' }).click();
  await expect(row.getByLabel('CID of announced.bin', { exact: true })).toHaveText(/^baf/);
  await app.ipfs('files', 'rm', '/announced.bin');
  await rm(path);
});

test('clearing the done uploads keeps a failed one in view with its reason and its Retry', async ({ page, app }) => {
  await page.getByRole('button', { name: 'New text file' }).click();
  const form = page.getByRole('form', { name: 'New text file' });
  await form.getByRole('textbox', { name: 'File name' }).fill('cleared note.txt');
  await form.getByRole('textbox', { name: 'Content' }).fill('done, then cleared\n');
  await form.getByRole('button', { name: 'Add text file' }).click();
  const uploads = page.getByRole('list', { name: 'Uploads' });
  const done = uploads.getByRole('listitem', { name: 'cleared note.txt', exact: true });
  await expect(done.getByLabel('CID of cleared note.txt', { exact: true })).toHaveText(/^baf/);
  await page.getByRole('button', { name: 'Import by CID' }).click();
  const importForm = page.getByRole('form', { name: 'Import by CID' });
  await importForm.getByRole('textbox', { name: 'CID, /ipfs/ path or ipfs:// link' }).fill('not-a-cid');
  await importForm.getByRole('button', { name: 'Import' }).click();
  const failed = uploads.getByRole('listitem', { name: 'not-a-cid', exact: true });
  await expect(failed).toContainText('“not-a-cid” is not a CID or an IPFS link');

  const queue = page.getByRole('region', { name: 'Uploads' });
  await queue.getByRole('button', { name: 'Clear done uploads' }).press('Enter');
  await expect(done).toHaveCount(0);
  // The button gone with what it cleared, the keyboard's place is the queue's next control, not the page's top.
  await expect(queue.getByRole('button', { name: 'Hide uploads' })).toBeFocused();
  await expect(failed).toContainText('“not-a-cid” is not a CID or an IPFS link');
  await expect(failed.getByRole('button', { name: 'Retry not-a-cid' })).toBeVisible();
  // Spec files share one app: what this test made leaves.
  await app.ipfs('files', 'rm', '/cleared note.txt');
  // A failed upload the user gives up on leaves by its own menu.
  await failed.getByRole('button', { name: 'Actions for not-a-cid' }).click();
  await page.getByRole('menuitem', { name: 'Remove from the list' }).click();
  await expect(failed).toHaveCount(0);
});

test('clearing the last done uploads from the keyboard gives the focus to the Files heading', async ({ page, app }) => {
  // Spec files share one app: what earlier tests left in the queue goes first.
  await app.running.host.services.uploads.clear('finished');
  await addTextFile(page, 'last cleared.txt');
  const queue = page.getByRole('region', { name: 'Uploads' });
  await queue.getByRole('button', { name: 'Clear done uploads' }).press('Enter');
  await expect(queue).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Files', level: 1 })).toBeFocused();
  await app.ipfs('files', 'rm', '/last cleared.txt');
});

/** A text file added from the Files view: it lands as an upload row with a CID. */
async function addTextFile(page: Page, name: string) {
  await page.getByRole('button', { name: 'New text file' }).click();
  const form = page.getByRole('form', { name: 'New text file' });
  await form.getByRole('textbox', { name: 'File name' }).fill(name);
  await form.getByRole('textbox', { name: 'Content' }).fill(`${name}\n`);
  await form.getByRole('button', { name: 'Add text file' }).click();
  const row = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem', { name, exact: true });
  await expect(row.getByLabel(`CID of ${name}`, { exact: true })).toHaveText(/^baf/);
  return row;
}

test("an upload row's menu opens by keyboard from any of its buttons, at the row, and gives the focus back", async ({
  page,
  app,
}) => {
  const row = await addTextFile(page, 'keyed note.txt');
  const copy = row.getByRole('button', { name: 'Copy CID of keyed note.txt' });
  const menu = page.getByRole('menu', { name: 'Menu for keyed note.txt' });
  // A list: its buttons are Tab stops, and Shift+F10 on one opens its row's menu, the focus on the first entry.
  await copy.focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu.getByRole('menuitem', { name: 'Copy link' })).toBeFocused();
  await expectMenuAtRow(row, menu);
  // Escape gives the focus back to the button it came from.
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(copy).toBeFocused();
  // The ContextMenu key on the row's "…", the next Tab stop, opens the same menu; an entry that opens
  // no dialog gives the focus back there.
  await page.keyboard.press('Tab');
  const more = row.getByRole('button', { name: 'Actions for keyed note.txt' });
  await expect(more).toBeFocused();
  await page.keyboard.press('ContextMenu');
  await expect(menu.getByRole('menuitem', { name: 'Copy link' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();
  // Spec files share one app: what this test made leaves.
  await app.ipfs('files', 'rm', '/keyed note.txt');
});

test('a row removed from its menu by keyboard gives the focus to the row now in its place', async ({ page }) => {
  const uploads = page.getByRole('list', { name: 'Uploads' });
  for (const ref of ['gone-ref-one', 'gone-ref-two']) {
    await page.getByRole('button', { name: 'Import by CID' }).click();
    const importForm = page.getByRole('form', { name: 'Import by CID' });
    await importForm.getByRole('textbox', { name: 'CID, /ipfs/ path or ipfs:// link' }).fill(ref);
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect(uploads.getByRole('listitem', { name: ref, exact: true })).toContainText('is not a CID');
  }
  // Newest first: two, then one under it.
  const two = uploads.getByRole('listitem', { name: 'gone-ref-two', exact: true });
  const one = uploads.getByRole('listitem', { name: 'gone-ref-one', exact: true });
  await two.getByRole('button', { name: 'Retry gone-ref-two' }).focus();
  await page.keyboard.press('Shift+F10');
  await page
    .getByRole('menu', { name: 'Menu for gone-ref-two' })
    .getByRole('menuitem', { name: 'Remove from the list' })
    .press('Enter');
  await expect(two).toHaveCount(0);
  await expect(one).toBeFocused();
  // From the row, Tab goes on to its own buttons.
  await page.keyboard.press('Tab');
  await expect(one.getByRole('button', { name: 'Retry gone-ref-one' })).toBeFocused();
  await page.keyboard.press('Shift+F10');
  await page.getByRole('menuitem', { name: 'Remove from the list' }).press('Enter');
  await expect(one).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
});

test('an upload waiting for the node says why, and lands once the node runs again', async ({ page, app }) => {
  await app.running.host.services.node.stop();
  try {
    await page.getByRole('button', { name: 'New text file' }).click();
    const form = page.getByRole('form', { name: 'New text file' });
    await form.getByRole('textbox', { name: 'File name' }).fill('waits for the node.txt');
    await form.getByRole('textbox', { name: 'Content' }).fill('added once the node is back\n');
    await form.getByRole('button', { name: 'Add text file' }).click();
    const row = page
      .getByRole('list', { name: 'Uploads' })
      .getByRole('listitem', { name: 'waits for the node.txt', exact: true });
    // It said only "Waiting", as if other uploads were ahead of it, while it waited for the node.
    await expect(row).toContainText('The IPFS node is not running: start it in Node. Cairn tries again on its own.');
    await expect(row).toContainText('Waiting');
  } finally {
    await app.running.host.services.node.start();
  }
  await expect(
    page
      .getByRole('list', { name: 'Uploads' })
      .getByRole('listitem', { name: 'waits for the node.txt', exact: true })
      .getByLabel('CID of waits for the node.txt', { exact: true }),
  ).toHaveText(/^baf/);
  // Spec files share one app: what this test made leaves.
  await app.ipfs('files', 'rm', '/waits for the node.txt');
});
