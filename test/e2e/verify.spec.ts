import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { expect, test } from './fixtures';

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Verify' }).click();
});

test('inspects a CID: its parts, its other forms, and what the node has of it', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-inspect-'));
  await writeFile(join(dir, 'letter.txt'), 'Dear reader,\n'.repeat(1000));
  const v0 = (await app.ipfs('add', '-Q', '--cid-version=0', '--raw-leaves=false', join(dir, 'letter.txt'))).trim();
  await rm(dir, { recursive: true, force: true });

  await page.getByLabel('CID to inspect').fill(v0);
  const anatomy = page.getByRole('table', { name: 'CID anatomy' });
  const row = (name: string) => anatomy.getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell');
  await expect(row('Version')).toHaveText('CIDv0');
  await expect(row('Codec')).toHaveText('dag-pb (0x70)');
  await expect(row('Hash function')).toHaveText('sha2-256 (0x12), 32 bytes');
  const forms = page.getByRole('table', { name: 'Equivalent forms' });
  await expect(forms.getByRole('row', { name: /^CIDv1 base32 / })).toContainText(CID.parse(v0).toV1().toString());

  await page.getByRole('button', { name: 'Look it up on the node' }).click();
  await expect(page.getByRole('status', { name: 'On this node' })).toContainText(
    'The node has it: file, 13 KiB, 1 block.',
  );
  await page.screenshot({ path: 'test-results/verify-inspect.png', fullPage: true });

  await page.getByLabel('CID to inspect').fill('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
  await expect(forms.getByRole('row', { name: /^CIDv0 / })).toContainText(
    'none: only dag-pb with sha2-256 has a CIDv0',
  );
  await page.getByRole('button', { name: 'Look it up on the node' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'does not have this CID' })).toBeVisible();
});
