import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { expect, test } from './fixtures';
import { BYTE_COUNT, recordLiveWords } from './live-words';

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

  const rawLeaf = 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e';
  await page.getByLabel('CID to inspect').fill(rawLeaf);
  await expect(forms.getByRole('row', { name: /^CIDv0 / })).toContainText(
    'none: only dag-pb with sha2-256 has a CIDv0',
  );
  // Kubo's own base16 form of it: the base it is written in is named, not the base32 it is shown in.
  await page.getByLabel('CID to inspect').fill((await app.ipfs('cid', 'format', '-b', 'base16', rawLeaf)).trim());
  await expect(row('Multibase')).toHaveText('base16');
  await page.getByRole('button', { name: 'Look it up on the node' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'does not have this CID' })).toBeVisible();
});

test('takes apart a CID the node refuses, saying why, and offers no link or lookup for it', async ({ page }) => {
  const md5 = CID.createV1(0x55, Digest.create(0xd5, createHash('md5').update('any bytes').digest()));
  await page.getByLabel('CID to inspect').fill(`ipfs://${md5.toString()}`);
  const region = page.getByRole('region', { name: 'Inspect a CID' });
  await expect(region.getByRole('alert')).toContainText('is hashed with md5, which IPFS nodes refuse as insecure');
  await expect(
    page
      .getByRole('table', { name: 'CID anatomy' })
      .getByRole('row', { name: /^Hash function / })
      .getByRole('cell'),
  ).toHaveText('md5 (0xd5), 16 bytes');
  await expect(region.getByRole('list', { name: 'Links to this CID' })).toHaveCount(0);
  await expect(region.getByRole('button', { name: 'Look it up on the node' })).toHaveCount(0);
});

test('checks a picked file against its CID: match with the profile, no match with what was tried, cannot tell', async ({
  page,
  app,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-verify-'));
  const content = Buffer.from('A line of a long letter.\n'.repeat(20_000));
  await writeFile(join(dir, 'letter.txt'), content);
  const addFlags = ['add', '-Q', '--only-hash', '--cid-version=0', '--raw-leaves=false', '--chunker=size-262144'];
  const v0 = (await app.ipfs(...addFlags, join(dir, 'letter.txt'))).trim();
  // Another letter: its CID is a real one, just not this file's.
  await writeFile(join(dir, 'other.txt'), 'Another letter.\n'.repeat(40_000));
  const other = (
    await app.ipfs('add', '-Q', '--cid-version=1', '--raw-leaves', '--chunker=size-262144', join(dir, 'other.txt'))
  ).trim();
  // This letter with a chunker Cairn does not try: one CID the node lacks (a CIDv0), one it holds.
  const unheld = (
    await app.ipfs('add', '-Q', '--only-hash', '--cid-version=0', '--chunker=rabin-4096', join(dir, 'letter.txt'))
  ).trim();
  const held = (await app.ipfs('add', '-Q', '--chunker=rabin-8192', join(dir, 'letter.txt'))).trim();
  // The file as one raw block whose digest is cut short, which no import settings give and the node no
  // longer holds: the CID alone decides.
  const shortHash = ['--cid-codec=raw', '--mhtype=blake2b-256', '--mhlen=20'];
  const rawUnheld = (await app.ipfs('block', 'put', ...shortHash, join(dir, 'letter.txt'))).trim();
  await app.ipfs('block', 'rm', rawUnheld);
  // A copy that keeps the file's modification time.
  const timed = (await app.ipfs('add', '-Q', '--preserve-mtime', '--raw-leaves=false', join(dir, 'letter.txt'))).trim();
  await rm(dir, { recursive: true, force: true });

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles({ name: 'letter.txt', mimeType: 'text/plain', buffer: content });
  await expect(page.getByRole('group', { name: 'File or folder to check' })).toContainText('File: letter.txt, 488 KiB');
  await page.getByLabel('Expected CID').fill(`ipfs://${v0}`);
  await page.getByRole('button', { name: 'Check against the CID' }).click();
  const result = page.getByRole('status', { name: 'Verification result' });
  await expect(result).toContainText('Match.');
  await expect(result).toContainText('imported with unixfs-v0-2015');
  await page.screenshot({ path: 'test-results/verify-match.png', fullPage: true });

  // Another file's CID, which the node holds: no match, and the view says what was tried and the CID each gave.
  const said = await recordLiveWords(
    page.getByRole('region', { name: 'Check a file or folder against a CID' }),
    '[aria-label="Verification progress"]',
  );
  await page.getByLabel('Expected CID').fill(other);
  await page.getByRole('button', { name: 'Check against the CID' }).click();
  await expect(result).toContainText('No match.');
  // Read out as it goes: each settings tried, never a count of bytes.
  const progress = await said();
  expect(progress).toContainEqual(expect.stringMatching(/^Hashing with unixfs-v1-2025 \(settings 1 of \d+\)…$/));
  expect(progress.filter((words) => BYTE_COUNT.test(words))).toEqual([]);
  const tried = page.getByRole('table', { name: 'Settings tried' });
  await expect(tried.getByRole('row', { name: /^unixfs-v1-2025 / })).toContainText('bafk');
  await expect(tried.getByRole('row', { name: /^kubo --cid-version=1 bafy/ })).toBeVisible();
  await expect(tried.getByRole('row', { name: /^kubo --cid-version=1 --raw-leaves=false bafy/ })).toBeVisible();
  // A dag-pb CIDv1 may be a CIDv0 written as CIDv1 (ipfs:// links, subdomain gateways): CIDv0 settings are tried too.
  await expect(tried.getByRole('row', { name: /^unixfs-v0-2015 Qm/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/verify-no-match.png', fullPage: true });

  // Settings Cairn does not try: it cannot tell without the node's copy, and matches with it. A CIDv0
  // is not tried with settings that make CIDv1, and the view says why.
  await page.getByLabel('Expected CID').fill(unheld);
  await page.getByRole('button', { name: 'Check against the CID' }).click();
  await expect(result).toContainText('Cannot tell.');
  await expect(page.getByRole('list', { name: 'Settings skipped' })).toContainText(
    'unixfs-v1-2025 skipped: it makes CIDv1, this is CIDv0',
  );
  await page.getByLabel('Expected CID').fill(held);
  await page.getByRole('button', { name: 'Check against the CID' }).click();
  await expect(result).toContainText('Match.');
  await expect(result).toContainText("the node's copy of it holds the same content");
  await page.getByLabel('Expected CID').fill(rawUnheld);
  await page.getByRole('button', { name: 'Check against the CID' }).click();
  await expect(result).toContainText('Match.');
  await expect(result).toContainText('the CID is the hash of these very bytes');
  await expect(result).not.toContainText("node's copy");
  await page.getByLabel('Expected CID').fill(timed);
  await page.getByRole('button', { name: 'Check against the CID' }).click();
  await expect(result).toContainText('Cannot tell.');
  await expect(result).toContainText('also keeps a file mode or modification time');
  await expect(result).not.toContainText('no whole copy');
});

test('checks a dropped file against its CID with explicit settings', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-verify-drop-'));
  await writeFile(join(dir, 'notes.txt'), 'Notes, chunked small.\n'.repeat(500));
  const cid = (
    await app.ipfs(
      'add',
      '-Q',
      '--cid-version=1',
      '--raw-leaves',
      '--chunker=size-1024',
      '--trickle',
      join(dir, 'notes.txt'),
    )
  ).trim();
  await rm(dir, { recursive: true, force: true });

  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Notes, chunked small.\n'.repeat(500)], 'notes.txt', { type: 'text/plain' }));
    return data;
  });
  await page.getByRole('group', { name: 'File or folder to check' }).dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByRole('group', { name: 'File or folder to check' })).toContainText('File: notes.txt');
  await page.getByLabel('Expected CID').fill(cid);
  await page.getByLabel('Use my own import settings instead of trying the known ones').check();
  await page.getByRole('button', { name: 'unixfs-v1-2025' }).click();
  await page.getByLabel('Chunker').fill('size-1024');
  await page.getByLabel('Layout').selectOption('trickle');
  await page.getByLabel('Links per node').fill('174');
  await page.getByRole('button', { name: 'Check against the CID' }).click();
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('imported with your settings');
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('--chunker=size-1024');
});

test('asks the node and its gateway which serve a CID correctly, and saves a verified copy', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-verify-sources-'));
  await writeFile(join(dir, 'served.txt'), 'Served by the node.\n'.repeat(150_000));
  const cid = (await app.ipfs('add', '-Q', join(dir, 'served.txt'))).trim();
  await rm(dir, { recursive: true, force: true });

  await page.getByLabel('CID to fetch').fill(cid);
  await page.getByRole('button', { name: 'Check every source' }).click();
  const sources = page.getByRole('list', { name: 'Sources' });
  const node = sources.getByRole('listitem', { name: 'The node' });
  await expect(node).toContainText('Verified. The node sent 4 blocks, each matching the CID, up to the root.');
  // Main's own line waits behind Details.
  await expect(node.getByText('The node served 4 blocks, each matching its CID')).toBeHidden();
  await node.getByText('Details', { exact: true }).click();
  await expect(node.getByText('The node served 4 blocks, each matching its CID, up to the root.')).toBeVisible();
  await expect(sources.getByRole('listitem', { name: 'Local gateway' })).toContainText('Verified.');
  const said = await recordLiveWords(sources.getByRole('listitem', { name: 'Local gateway' }), '[role="status"]');
  await page.getByRole('button', { name: 'Save a verified copy from Local gateway' }).click();
  await expect(page.getByRole('status', { name: 'Saved from Local gateway' })).toContainText(
    `Verified and saved to ${join(app.dataDir, 'exports', cid)}`,
  );
  // The saving is read out as it starts and as it ends, not with each count of bytes.
  expect(await said()).toEqual([
    'Fetching and checking…',
    `Verified and saved to ${join(app.dataDir, 'exports', cid)}.`,
  ]);
  await page.screenshot({ path: 'test-results/verify-sources.png', fullPage: true });
});

test('shows each source’s verdict as it is reached, while a stalled gateway is still being waited for', async ({
  page,
  app,
}) => {
  // A gateway on this machine that takes every request and never answers: it times out only after 20 s.
  const stalled = createServer(() => undefined);
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
  const settings = app.running.host.services.settings;
  const before = settings.get().share.gateways;
  await settings.change((current) => ({
    ...current,
    share: {
      ...current.share,
      gateways: [...before, { id: 'stalled', name: 'Stalled gateway', url, style: 'path', enabled: true }],
    },
  }));
  try {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-verify-stalled-'));
    await writeFile(join(dir, 'early.txt'), 'Verified before the stalled gateway answers.\n');
    const cid = (await app.ipfs('add', '-Q', join(dir, 'early.txt'))).trim();
    await rm(dir, { recursive: true, force: true });
    await page.getByLabel('CID to fetch').fill(cid);
    await page.getByRole('button', { name: 'Check every source' }).click();
    const sources = page.getByRole('list', { name: 'Sources' });
    await expect(sources.getByRole('listitem', { name: 'The node' })).toContainText('Verified.');
    await expect(sources.getByRole('listitem', { name: 'Local gateway' })).toContainText('Verified.');
    // The fast verdicts are on screen while the check still waits for the stalled gateway.
    await expect(page.getByRole('status').filter({ hasText: 'Asking every source…' })).toBeVisible();
    await expect(sources.getByRole('listitem', { name: 'Stalled gateway' })).toHaveCount(0);
    // Cancelled, not timed out: it was still being waited for when the others were shown.
    await page.getByRole('button', { name: 'Cancel check' }).click();
    await expect(sources.getByRole('listitem', { name: 'Stalled gateway' })).toContainText('Cancelled.');
    await expect(sources.getByRole('listitem', { name: 'The node' })).toContainText('Verified.');
  } finally {
    await settings.change((current) => ({ ...current, share: { ...current.share, gateways: before } }));
    stalled.closeAllConnections();
    stalled.close();
  }
});
