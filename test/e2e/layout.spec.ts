import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fileRow } from '../harness/file-rows';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';
import { expect, notices, test, type CairnApp } from './fixtures';
import { focusRingProblems, layoutProblems, unnamedControls } from './layout-checks';

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
// Names with nowhere to break a line, and a right-to-left one.
const NO_SPACES = 'Annual_Report_2024_FINAL_version_reviewed_by_legal_and_finance_DO_NOT_DISTRIBUTE_v17.pdf';
const RTL = 'تقرير_المبيعات_السنوي_للربع_الرابع_٢٠٢٤_النسخة_النهائية_المعتمدة.pdf';
const LONG_SERVICE = 'Long-term_archive_pinning_service_of_the_research_group_second_region_eu-central';
const STATES = ['queued', 'pinning', 'pinned', 'failed'] as const;

let services: TestPinningService[] = [];
test.beforeAll(async () => {
  services = await Promise.all([startPinningService(), startPinningService()]);
});
// The node and the app's data outlive this file: the next spec file starts without these services.
test.afterAll(async ({ app }) => {
  const { pins, settings } = app.running.host.services;
  for (const { id } of settings.get().pins.services) await pins.removeService(id);
  await Promise.all(services.map((service) => service.stop()));
});

/** Seeds Files with long names; gives the folder's CID. */
async function seedFiles(app: CairnApp): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-layout-'));
  const root = join(dir, 'layout');
  await mkdir(join(root, `${LONG} (folder)`), { recursive: true });
  for (let index = 0; index < 12; index += 1)
    await writeFile(join(root, `${LONG} ${index}.pdf`), `contents of file ${index}\n`.repeat(index + 1));
  for (const name of [NO_SPACES, RTL]) await writeFile(join(root, name), `contents of ${name}\n`);
  const cid = (await app.ipfs('add', '-r', '-Q', '--pin=true', '--cid-version=1', root)).trim();
  await rm(dir, { recursive: true, force: true });
  await app.ipfs('files', 'rm', '-r', '--force', `/${LONG}`);
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, `/${LONG}`);
  return cid;
}

/**
 * Two pinning services, one with a long name, each holding requests for the folder's files in every
 * state, under the files' names (the one with no spaces is queued); the failed ones carry the
 * service's reason. The peer never moves a status by itself: each is set there, and Cairn follows it.
 */
async function seedRemotePins(app: CairnApp, folder: string): Promise<void> {
  const { pins, settings } = app.running.host.services;
  const names = [LONG_SERVICE, 'Backup pins'];
  for (const [index, service] of services.entries())
    await pins.saveService({
      name: names[index] ?? '',
      preset: 'custom',
      endpoint: service.endpoint,
      token: service.token,
    });
  const serviceIds = settings.get().pins.services.map((service) => service.id);
  const listing = await app.ipfs('ls', '--resolve-type=false', '--size=false', folder);
  const held = listing
    .trim()
    .split('\n')
    .map((line) => {
      const [cid = '', ...name] = line.split(' ');
      return { cid, name: name.join(' ') };
    })
    .slice(0, 2 * STATES.length);
  const cids = held.map(({ cid }) => cid);
  const stateOf = new Map(cids.map((cid, index) => [cid, STATES[index % STATES.length] ?? 'queued']));
  for (const { cid, name } of held) await pins.requestRemote({ cids: [cid], serviceIds, name });
  for (const service of services) {
    await expect.poll(() => service.pins().length).toBe(cids.length);
    service.edit((held) =>
      held.map((pin) => {
        const status = stateOf.get(pin.pin.cid) ?? 'queued';
        const info = { status_details: 'ERR_CONTENT_NOT_FOUND:no_provider_answered_after_86400_seconds_of_searching' };
        return { ...pin, status, ...(status === 'failed' ? { info } : {}) };
      }),
    );
  }
  await expect
    .poll(() => pins.requests().filter((request) => request.status === stateOf.get(request.cid)).length)
    .toBe(cids.length * services.length);
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

/** The selection bar for a long-named file that services hold: one line, inside the window. */
async function selectionBar(page: Page, shot: string): Promise<string[]> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Files' }).click();
  // The folder, listed before the uploads whose names start like its own.
  await fileRow(page, LONG).first().dblclick();
  const folder = `/${LONG}`;
  await fileRow(page, NO_SPACES, folder).click();
  const bar = page.getByRole('toolbar', { name: `Actions for ${NO_SPACES}` });
  await expect(bar.getByRole('listitem').filter({ hasText: LONG_SERVICE })).toHaveAttribute(
    'title',
    `${LONG_SERVICE}: queued`,
  );
  await page.screenshot({ path: `out/screenshots/files-selection-${shot}.png` });
  const problems = (await layoutProblems(page)).map((problem) => `Selection bar: ${problem}`);
  // Its Pin to services dialog lists the long-named service inside the dialog.
  await bar.getByRole('button', { name: 'Pin to services' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pin to services' });
  await expect(dialog.getByRole('checkbox', { name: LONG_SERVICE })).toBeVisible();
  await dialog.getByRole('button', { name: 'Add metadata' }).click();
  await page.screenshot({ path: `out/screenshots/files-pin-to-services-${shot}.png` });
  problems.push(...(await layoutProblems(page)).map((problem) => `Pin to services: ${problem}`));
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Cut, the row says so and stays as readable as the others.
  await bar.getByRole('button', { name: 'Cut' }).click();
  await fileRow(page, RTL, folder).click();
  await page.screenshot({ path: `out/screenshots/files-cut-${shot}.png` });
  problems.push(...(await layoutProblems(page)).map((problem) => `Cut row: ${problem}`));
  await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'Files' }).click();
  return problems;
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

/** Share's answer to a long input that is no CID: its error stays inside the form. */
async function shareInvalid(page: Page, shot: string): Promise<string[]> {
  const input = page.getByLabel('Content to share');
  await input.fill(`not a cid ${'z'.repeat(150)}`);
  await expect(page.getByRole('alert').filter({ hasText: 'z'.repeat(150) })).toBeVisible();
  await page.screenshot({ path: `out/screenshots/share-invalid-${shot}.png` });
  const problems = (await layoutProblems(page)).map((problem) => `Share, invalid input: ${problem}`);
  await fillShare(page);
  return problems;
}

/** The Pins view's parts, each checked and kept as a screenshot from the top of its table or list. */
async function pinsParts(page: Page, shot: string): Promise<string[]> {
  const problems: string[] = [];
  const parts = page.getByRole('navigation', { name: 'Pins views' });
  const contents = {
    'Remote requests': page.getByRole('table', { name: 'Remote pin requests' }),
    'On services': page.getByRole('list', { name: 'Remote pins' }),
    Redundancy: page.getByRole('table', { name: 'Copies per CID' }),
    'On this node': page.getByRole('list', { name: 'Local pins' }),
  };
  for (const [part, content] of Object.entries(contents)) {
    await parts.getByRole('button', { name: part }).click();
    await expect(parts.getByRole('button', { name: part })).toHaveAttribute('aria-pressed', 'true');
    if (part === 'On services')
      await page.getByRole('form', { name: 'Remote pins filter' }).getByRole('button', { name: 'Show pins' }).click();
    if (part !== 'On this node') await expect(content).toContainText(NO_SPACES);
    // The view's own scroll area only: scrollIntoView would also move the window's fixed frame.
    await content.evaluate((element) => {
      const main = element.closest('.app-main');
      main?.scrollBy(0, element.getBoundingClientRect().top - main.getBoundingClientRect().top);
    });
    const name = part.toLowerCase().replaceAll(' ', '-');
    await page.screenshot({ path: `out/screenshots/pins-${name}-${shot}.png` });
    problems.push(...(await layoutProblems(page)).map((problem) => `Pins, ${part}: ${problem}`));
    if (part === 'On this node') {
      // Through the first rows' buttons by keyboard: each focus ring shows whole.
      await content.getByRole('button').first().focus();
      await page.keyboard.press('Shift+Tab');
      problems.push(...(await focusRingProblems(page, 4)).map((problem) => `Pins, ${part}: ${problem}`));
    }
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
    await seedRemotePins(app, folderCid);
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
        problems.push(...(await unnamedControls(page)).map((problem) => `${view}: ${problem}`));
        if (view === 'Share') problems.push(...(await shareInvalid(page, `${theme}-${size.width}`)));
        if (view === 'Pins') problems.push(...(await pinsParts(page, `${theme}-${size.width}`)));
      }
      problems.push(...(await selectionBar(page, `${theme}-${size.width}`)));
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

test('the focus ring of the file list and of its column headers shows whole', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Files' }).click();
  // By keyboard from the Refresh button to the list itself, then up to its headers and along them.
  await page.getByRole('button', { name: 'Refresh' }).focus();
  expect(await focusRingProblems(page, 1)).toEqual([]);
  await page.keyboard.press('ArrowUp');
  for (const name of ['Name', 'Size', 'Type']) {
    const header = page.getByRole('columnheader', { name });
    await expect(page.getByRole('grid', { name: 'Files in /' })).toHaveAttribute(
      'aria-activedescendant',
      (await header.getAttribute('id')) ?? '',
    );
    // Drawn inside the header, which the grid's sticky head never cuts.
    await expect(header).toHaveCSS('outline-style', 'solid');
    await expect(header).toHaveCSS('outline-offset', '-2px');
    await page.keyboard.press('ArrowRight');
  }
});

test('zoomed to 200 % (a 1280×800 window seen as 640×400) every view fits, in both themes', async ({ page }) => {
  const problems: string[] = [];
  await page.setViewportSize({ width: 640, height: 400 });
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    for (const view of views) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();
      await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
      if (view === 'Share') await fillShare(page);
      await page.screenshot({ path: `out/screenshots/zoom-200-${view.toLowerCase()}-${theme}.png` });
      problems.push(...(await layoutProblems(page)).map((problem) => `${view}, ${theme}: ${problem}`));
    }
    problems.push(...(await selectionBar(page, `zoom-200-${theme}`)));
  }
  expect(problems).toEqual([]);
});

test("the item of a file's menu the arrow keys are on shows its focus ring", async ({ page }) => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Files' }).click();
  await page.getByRole('grid', { name: 'Files in /' }).getByRole('row').nth(1).click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  expect(await focusRingProblems(page, 4, 'ArrowDown')).toEqual([]);
  await page.keyboard.press('Escape');
});

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
