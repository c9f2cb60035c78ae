import { expect, notices, test } from './fixtures';

test('the header says so while the backend does not answer, and recovers when it is back', async ({ page, app }) => {
  await page.goto(app.url);
  const header = page.getByRole('banner');
  await expect(header.getByRole('status', { name: 'Node running' })).toBeVisible();

  const resume = await app.running.interrupt();
  try {
    await expect(header.getByRole('status', { name: 'Backend not answering' })).toBeVisible();
    await expect(header).not.toContainText('Node running');
    // A call made meanwhile fails in plain words, not as an internal error.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Node' }).click();
    await page.getByRole('button', { name: 'Restart node' }).click();
    await expect(notices(page)).toContainText('Cairn’s background process does not answer.');
  } finally {
    await resume();
  }
  await expect(header.getByRole('status', { name: 'Node running' })).toBeVisible();
  await expect(header.getByRole('status', { name: 'Backend not answering' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Node facts' })).toBeVisible();
});
