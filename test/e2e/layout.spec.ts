import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, notices, test, type CairnApp } from './fixtures';
import { layoutProblems } from './layout-checks';

// Every view, both themes, a roomy and a small window, with data that pushes at the edges: names and
// CIDs past any column's width, a queue of dozens, and a stack of error notices.
const sizes = [
  { width: 1280, height: 800 },
  { width: 900, height: 600 },
] as const;
const themes = ['light', 'dark'] as const;
const views = ['Files', 'Pins', 'Share', 'Names', 'Verify', 'Node', 'Settings'] as const;

const LONG = 'Quarterly report with a name far longer than any column would ever show in full';
const QUEUED = 30;

/** Seeds Files with long names; gives the folder's CID. */
async function seedFiles(app: CairnApp): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-layout-'));
  const root = join(dir, 'layout');
  await mkdir(join(root, `${LONG} (folder)`), { recursive: true });
  for (let index = 0; index < 12; index += 1)
    await writeFile(join(root, `${LONG} ${index}.pdf`), `contents of file ${index}\n`.repeat(index + 1));
  const cid = (await app.ipfs('add', '-r', '-Q', '--pin=true', '--cid-version=1', root)).trim();
  await rm(dir, { recursive: true, force: true });
  await app.ipfs('files', 'rm', '-r', '--force', `/${LONG}`);
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, `/${LONG}`);
  return cid;
}

/** Dozens of small files through Add files: the queue fills with finished and running items. */
async function fillQueue(page: Page): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add files' }).click();
  await (
    await chooser
  ).setFiles(
    Array.from({ length: QUEUED }, (_, index) => ({
      name: `${LONG} upload ${index}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(`upload ${index}\n`),
    })),
  );
  await expect(page.getByRole('region', { name: 'Uploads' })).toContainText(`upload ${QUEUED - 1}.txt`);
}

/** Real failures, each a notice: pinning Files paths that do not exist. */
async function raiseErrors(page: Page, count: number): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pins' }).click();
  const form = page.getByRole('form', { name: 'Pin by CID or path' });
  const toasts = notices(page).getByRole('listitem');
  for (let index = 0; index < count; index += 1) {
    await form.getByLabel('CID or path to pin').fill(`/${LONG} ${index} that is not in Files`);
    await form.getByRole('button', { name: 'Pin' }).click();
    await expect(toasts).toHaveCount(Math.min(index + 1, 4));
  }
}

let folderCid: string | null = null;

/** Share shows the links of a long-named file, the local-only warning beside the default one. */
async function fillShare(page: Page): Promise<void> {
  if (folderCid) await page.getByLabel('Content to share').fill(`/ipfs/${folderCid}/${LONG} 0.pdf`);
  await expect(page.getByRole('group', { name: 'Only on this computer' })).toBeVisible();
}

/** The Pins view's other parts (requests, services, redundancy), each checked and kept as a screenshot. */
async function pinsParts(page: Page, shot: string): Promise<string[]> {
  const problems: string[] = [];
  const parts = page.getByRole('navigation', { name: 'Pins views' });
  for (const part of ['Remote requests', 'On services', 'Redundancy', 'On this node']) {
    await parts.getByRole('button', { name: part }).click();
    await expect(parts.getByRole('button', { name: part })).toHaveAttribute('aria-pressed', 'true');
    const name = part.toLowerCase().replaceAll(' ', '-');
    await page.screenshot({ path: `out/screenshots/pins-${name}-${shot}.png` });
    problems.push(...(await layoutProblems(page)).map((problem) => `Pins, ${part}: ${problem}`));
  }
  return problems;
}

/** A dialog about a long-named file, from its context menu: its actions stay in the window. */
async function deleteDialog(page: Page, shot: string): Promise<string[]> {
  const name = `${LONG} upload 0.txt`;
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Files' }).click();
  const filter = page.getByRole('searchbox', { name: 'Filter by name or CID' });
  await filter.fill('upload 0.txt');
  await page
    .getByRole('grid', { name: 'Files in /' })
    .getByRole('row', { name: new RegExp(name) })
    .click({ button: 'right' });
  await page
    .getByRole('menu', { name: `Menu for ${name}` })
    .getByRole('menuitem', { name: 'Delete' })
    .click();
  const dialog = page.getByRole('alertdialog', { name: `Delete “${name}”?` });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `out/screenshots/files-delete-dialog-${shot}.png` });
  const problems = (await layoutProblems(page)).map((problem) => `Delete dialog: ${problem}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await filter.fill('');
  return problems;
}

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  if (!folderCid) {
    folderCid = await seedFiles(app);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await fillQueue(page);
  }
});

for (const theme of themes) {
  for (const size of sizes) {
    test(`every view fits at ${size.width}×${size.height} in the ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize(size);
      await raiseErrors(page, 5);
      const problems: string[] = [];
      for (const view of views) {
        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();
        await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
        if (view === 'Share') await fillShare(page);
        await page.screenshot({ path: `out/screenshots/${view.toLowerCase()}-${theme}-${size.width}.png` });
        problems.push(...(await layoutProblems(page)).map((problem) => `${view}: ${problem}`));
        if (view === 'Pins') problems.push(...(await pinsParts(page, `${theme}-${size.width}`)));
      }
      problems.push(...(await deleteDialog(page, `${theme}-${size.width}`)));
      expect(problems).toEqual([]);

      // Every notice closes with its own button, at this width too.
      const toasts = notices(page).getByRole('listitem');
      while ((await toasts.count()) > 0)
        await toasts.first().getByRole('button', { name: 'Dismiss notification' }).click();
      await expect(toasts).toHaveCount(0);

      // Without the notices, the views the README shows.
      if (size.width === 1280)
        for (const view of ['Files', 'Pins', 'Share', 'Verify'] as const) {
          await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();
          // From the top, whatever part of the view was looked at before.
          await page.getByRole('heading', { level: 1, name: view }).scrollIntoViewIfNeeded();
          await page.screenshot({ path: `out/screenshots/readme-${view.toLowerCase()}-${theme}.jpg`, quality: 40 });
        }
    });
  }
}

test('a long error notice stays inside a 900 px window and closes with its button', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 600 });
  await raiseErrors(page, 1);
  const toast = notices(page).getByRole('listitem');
  await expect(toast).toContainText('that is not in Files');
  const close = toast.getByRole('button', { name: 'Dismiss notification' });
  const box = await close.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(900);
  await close.click();
  await expect(toast).toHaveCount(0);
});
