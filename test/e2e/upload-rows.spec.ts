import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type CairnApp } from './fixtures';

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
  await row.getByRole('button', { name: 'Cancel adding announced.bin' }).click();
  await expect(row).toContainText('Cancelled');
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
