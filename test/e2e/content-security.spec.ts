import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rendererCsp } from '../../electron/shell/renderer-csp';
import { PREVIEW_PREFIX } from '../../shared/preview';
import { expect, test } from './fixtures';

// A one-page PDF, so that Chromium's viewer has a document to open.
const PDF = `%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj
trailer<</Root 1 0 R>>
%%EOF
`;

test('the page runs under its CSP header, and a PDF preview opens in its sandbox', async ({ page, app }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  const origin = new URL(app.url).origin;
  const document = await page.goto(app.url);
  expect((await document?.allHeaders())?.['content-security-policy']).toBe(rendererCsp(origin));
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();

  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-csp-'));
  await writeFile(join(dir, 'report.pdf'), PDF);
  const cid = (await app.ipfs('add', '-Q', join(dir, 'report.pdf'))).trim();
  await rm(dir, { recursive: true, force: true });
  await app.ipfs('files', 'rm', '--force', '/report.pdf');
  await app.ipfs('files', 'cp', `/ipfs/${cid}`, '/report.pdf');
  await page.getByRole('button', { name: 'Refresh' }).click();

  const previewAnswer = page.waitForResponse((response) => response.url().includes(PREVIEW_PREFIX));
  await page
    .getByRole('grid', { name: 'Files in /' })
    .getByRole('row', { name: /report\.pdf/ })
    .click();
  await page.getByRole('toolbar', { name: 'Actions for report.pdf' }).getByRole('button', { name: 'Preview' }).click();
  const answer = await previewAnswer;
  expect((await answer.allHeaders())['content-type']).toBe('application/pdf');
  expect((await answer.allHeaders())['content-security-policy']).toBe(
    "sandbox; default-src 'none'; style-src 'unsafe-inline'",
  );
  // Chromium's PDF viewer (an extension frame inside the preview frame) opens in spite of the sandbox.
  const frame = page.getByRole('complementary', { name: 'Preview of report.pdf' }).locator('iframe');
  await expect(frame).toHaveAttribute('title', 'report.pdf');
  await expect
    .poll(() => page.frames().some((candidate) => candidate.url().startsWith('chrome-extension://')))
    .toBe(true);
  expect(violations).toEqual([]);
});
