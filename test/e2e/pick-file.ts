import type { Page } from '@playwright/test';

/** Adds one file the way a person does without drag and drop: Add files, then the file chooser. */
export async function pickFile(page: Page, name: string, mimeType: string, content: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add files' }).click();
  await (await chooser).setFiles({ name, mimeType, buffer: Buffer.from(content) });
}
