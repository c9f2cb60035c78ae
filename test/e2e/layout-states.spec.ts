import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { layoutProblems, unnamedControls } from './layout-checks';

// The states layout.spec.ts does not reach: the theme chosen in Settings against the system's, a 900×700
// window, a failed upload whose error and Details are open, Share's DNSLink note and a long refusal,
// and the Verify inspector's error; every control named, every text readable.
const sizes = [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
] as const;
// The app's own choice, set against what the system prefers.
const themes = [
  { app: 'Dark', system: 'light' },
  { app: 'Light', system: 'dark' },
] as const;

const NO_SPACES = `bafy${'x'.repeat(120)}_copied_with_the_rest_of_the_line`;

const go = (page: Page, view: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true }).click();

async function problemsOf(page: Page, state: string): Promise<string[]> {
  const found = [...(await layoutProblems(page)), ...(await unnamedControls(page))];
  return found.map((problem) => `${state}: ${problem}`);
}

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

for (const theme of themes) {
  for (const size of sizes) {
    test(`errors, notes and details fit at ${size.width}×${size.height} with ${theme.app} chosen in Settings`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme.system });
      await page.setViewportSize(size);
      await go(page, 'Settings');
      // The radio follows the saved setting: a click, then the setting's answer.
      await page.getByRole('radio', { name: theme.app }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme.app.toLowerCase());
      const shot = `${theme.app.toLowerCase()}-app-${size.width}x${size.height}`;
      const problems = await problemsOf(page, 'Settings');

      // A failed import, its error and its Details open.
      await go(page, 'Files');
      const failed = page
        .getByRole('list', { name: 'Uploads' })
        .getByRole('listitem')
        .filter({ hasText: 'is not a CID' });
      // The tests before this one left theirs: this one's row lands first, and moves them down.
      const before = await failed.count();
      await page.getByRole('button', { name: 'Import by CID' }).click();
      const importForm = page.getByRole('form', { name: 'Import by CID' });
      await importForm.getByRole('textbox', { name: 'CID, /ipfs/ path or ipfs:// link' }).fill(NO_SPACES);
      await importForm.getByRole('button', { name: 'Import' }).click();
      await expect(failed).toHaveCount(before + 1);
      await failed.first().getByText('Details', { exact: true }).click();
      await expect(failed.first().getByText('Code: VALIDATION')).toBeVisible();
      await page.screenshot({ path: `out/screenshots/states-upload-error-${shot}.png` });
      problems.push(...(await problemsOf(page, 'Failed upload with Details')));

      // Share: a DNSLink name with its offline note, then a long text that is no name.
      await go(page, 'Share');
      await page.getByLabel('Content to share').fill('en.wikipedia-on-ipfs.org');
      await expect(page.getByRole('note', { name: 'DNSLink name' })).toBeVisible();
      await page.screenshot({ path: `out/screenshots/states-share-dnslink-${shot}.png` });
      problems.push(...(await problemsOf(page, 'Share, DNSLink name')));
      await page.getByLabel('Content to share').fill(`${NO_SPACES}@example.com`);
      await expect(page.getByRole('alert')).toContainText('email address');
      problems.push(...(await problemsOf(page, 'Share, refused name')));

      // Verify: the inspector's error on a long text.
      await go(page, 'Verify');
      const inspector = page.getByRole('region', { name: /inspect/i });
      await inspector.getByRole('textbox').first().fill(NO_SPACES);
      await expect(inspector.getByRole('alert')).toBeVisible();
      await page.screenshot({ path: `out/screenshots/states-verify-error-${shot}.png` });
      problems.push(...(await problemsOf(page, 'Verify, inspector error')));

      for (const view of ['Pins', 'Names', 'Node'] as const) {
        await go(page, view);
        await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
        problems.push(...(await problemsOf(page, view)));
      }
      expect(problems).toEqual([]);

      await go(page, 'Settings');
      await page.getByRole('radio', { name: 'Follow the system' }).click();
      await expect(page.getByRole('radio', { name: 'Follow the system' })).toBeChecked();
    });
  }
}
