import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { expect, notices, test, type CairnApp } from './fixtures';
import { pickFile } from './pick-file';

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
});

const openShare = (page: Page) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Share' }).click();
const links = (page: Page) => page.getByRole('list', { name: 'Links' });

test('copies the subdomain link of a file in a folder, switches the default kind, and shows a QR code', async ({
  page,
  app,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-share-'));
  await mkdir(join(dir, 'album'));
  await writeFile(join(dir, 'album', 'photo 1.txt'), 'a photo, in words\n');
  const folder = (await app.ipfs('add', '-r', '-Q', join(dir, 'album'))).trim();
  await rm(dir, { recursive: true, force: true });
  const port = new URL((await readFile(join(app.dataDir, 'kubo-repo', 'gateway'), 'utf8')).trim()).port;

  await openShare(page);
  await page.getByLabel('Content to share').fill(`/ipfs/${folder}/photo 1.txt`);
  const subdomain = links(page).getByRole('listitem', { name: 'Local node (subdomain)' });
  const expected = `http://${CID.parse(folder).toV1().toString()}.ipfs.localhost:${port}/photo%201.txt`;
  await expect(subdomain.getByRole('code')).toHaveText(expected);
  await subdomain.getByRole('button', { name: 'Copy Local node (subdomain) link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

  await expect(links(page).getByRole('listitem').first()).toHaveAccessibleName('Local node (subdomain)');
  await page.getByLabel('Default link kind').selectOption({ label: 'Gateway, path style' });
  await expect(links(page).getByRole('listitem').first()).toHaveAccessibleName('Local node (path)');
  await expect(links(page).getByRole('listitem').first()).toContainText('default');

  await page.getByRole('button', { name: 'Is it reachable through Local node (path)?' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reachable: ' })).toHaveText(
    new RegExp(`^Reachable: 127\\.0\\.0\\.1:${port} served the right bytes in \\d+ ms\\.$`),
  );
  // A path that leads nowhere on this node: what it names is unknown, and no gateway is asked about it.
  await page.getByLabel('Content to share').fill(`/ipfs/${folder}/photo 2.txt`);
  await page.getByRole('button', { name: 'Is it reachable through Local node (path)?' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'cannot follow' })).toHaveText(
    `This node cannot follow /ipfs/${folder}/photo 2.txt to its end (a name on the way is missing, or a block is not on this node), so 127.0.0.1:${port} was not asked.`,
  );
  await page.getByLabel('Content to share').fill(`/ipfs/${folder}/photo 1.txt`);

  const native = links(page).getByRole('listitem', { name: 'ipfs://' });
  await native.getByRole('button', { name: 'QR code for the ipfs:// link' }).click();
  await expect(native.getByRole('img', { name: /^QR code for ipfs:\/\/bafy/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/share-view.png', fullPage: true });
  await page.getByLabel('Default link kind').selectOption({ label: 'Gateway, subdomain style' });
});

test('links a CID too long for a subdomain by path on 127.0.0.1, and says why', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-share-'));
  await writeFile(join(dir, 'long.txt'), 'hashed with sha2-512\n');
  const cid = (await app.ipfs('add', '-Q', '--hash=sha2-512', join(dir, 'long.txt'))).trim();
  await rm(dir, { recursive: true, force: true });
  const port = new URL((await readFile(join(app.dataDir, 'kubo-repo', 'gateway'), 'utf8')).trim()).port;

  await openShare(page);
  await page.getByLabel('Content to share').fill(cid);
  const subdomain = links(page).getByRole('listitem', { name: 'Local node (subdomain)' });
  await expect(subdomain.getByRole('code')).toHaveText(`http://127.0.0.1:${port}/ipfs/${cid}`);
  await expect(subdomain).toContainText('longer than a DNS label (63)');
  await page.getByRole('button', { name: 'Is it reachable through Local node (subdomain)?' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reachable: ' })).toHaveText(
    new RegExp(`^Reachable: localhost:${port} served the right bytes in \\d+ ms\\.$`),
  );
});

test('says nothing of whether other content is reachable once the content to share changes', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-share-'));
  await writeFile(join(dir, 'kept.txt'), 'on the node\n');
  const kept = (await app.ipfs('add', '-Q', join(dir, 'kept.txt'))).trim();
  await rm(dir, { recursive: true, force: true });
  const absent = CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode('on no node at all')));

  await openShare(page);
  await page.getByLabel('Content to share').fill(kept);
  await page.getByRole('button', { name: /^Is it reachable through / }).click();
  const reachable = page.getByRole('status').filter({ hasText: 'Reachable: ' });
  await expect(reachable).toBeVisible();
  // Another CID: the answer about the first one must not stand beside it.
  await page.getByLabel('Content to share').fill(absent.toString());
  await expect(links(page).getByRole('listitem', { name: 'ipfs://' }).getByRole('code')).toHaveText(
    `ipfs://${absent.toString()}`,
  );
  await expect(reachable).toHaveCount(0);
});

test('checks the local gateway from Settings, and keeps public gateways off and unchecked offline', async ({
  page,
}) => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const gateways = page.getByRole('list', { name: 'Gateways' });
  const local = gateways.getByRole('listitem', { name: 'Local node' });
  await local.getByRole('button', { name: 'Check Local node' }).click();
  await expect(local.getByRole('status')).toContainText('Trustworthy: 127.0.0.1');
  const dweb = gateways.getByRole('listitem', { name: 'dweb.link' });
  await expect(dweb.getByRole('checkbox', { name: 'Use dweb.link' })).not.toBeChecked();
  await dweb.getByRole('button', { name: 'Check dweb.link' }).click();
  await expect(dweb.getByRole('status')).toHaveText(
    'Not checked: Offline mode is on: Cairn contacts no gateway outside this machine.',
  );
});

test('says what is wrong with something that is not a content address', async ({ page }) => {
  await openShare(page);
  await page.getByLabel('Content to share').fill('https://example.com/index.html');
  await expect(page.getByRole('alert')).toHaveText(
    'example.com is in the URL, but no /ipfs/ or /ipns/ path and no CID subdomain.',
  );
});

test('reads a bare domain as a DNSLink name, offers its ipns links and says offline mode cannot resolve it', async ({
  page,
}) => {
  await openShare(page);
  const input = page.getByLabel('Content to share');
  for (const domain of ['example.com', 'docs.ipfs.tech', 'en.wikipedia-on-ipfs.org']) {
    await input.fill(domain);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(links(page).getByRole('listitem', { name: 'ipns://' }).getByRole('code')).toHaveText(
      `ipns://${domain}`,
    );
    await expect(links(page).getByRole('listitem', { name: 'Local node (path)' }).getByRole('code')).toHaveText(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/ipns/${domain.replaceAll('.', '\\.')}$`),
    );
    await expect(page.getByRole('note', { name: 'DNSLink name' })).toContainText(
      `Offline mode is on: this node does not ask DNS, so it cannot resolve ${domain}`,
    );
  }
});

test('says why a single word, a text with a space or an email address is no name a link can carry', async ({
  page,
}) => {
  await openShare(page);
  const input = page.getByLabel('Content to share');
  const refusals = {
    localhost: '“localhost” is not a CID, nor an IPNS name: it is a single word, and a DNSLink name is a domain',
    'my files': '“my files” is not a CID, nor an IPNS name: a DNSLink name is a domain, and no domain name has a space',
    'user@example.com': '“user@example.com” is not a CID, nor an IPNS name: it reads like an email address.',
    'ipns://my host': '“my host” is not an IPNS name: a DNSLink name is a domain, and no domain name has a space',
  };
  for (const [text, sentence] of Object.entries(refusals)) {
    await input.fill(text);
    await expect(page.getByRole('alert')).toContainText(sentence);
    await expect(links(page).getByRole('listitem')).toHaveCount(0);
  }
});

test('shares an added file from its row, keeping its name for downloads', async ({ page }) => {
  await pickFile(page, 'notes 2026.md', 'text/markdown', '# notes\n');
  const row = page.getByRole('listitem', { name: 'notes 2026.md' });
  // One click copies the default link (subdomain, on the local node).
  await row.getByRole('button', { name: 'Actions for notes 2026.md' }).click();
  await page.getByRole('menuitem', { name: 'Copy link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
    /^http:\/\/baf[a-z0-9]+\.ipfs\.localhost:\d+\/\?filename=notes%202026\.md$/,
  );
  await row.getByRole('button', { name: 'Actions for notes 2026.md' }).click();
  await page.getByRole('menuitem', { name: 'Share' }).click();
  await expect(page.getByRole('heading', { name: 'Share', level: 1 })).toBeVisible();
  await expect(links(page).getByRole('listitem', { name: 'Local node (path)' }).getByRole('code')).toHaveText(
    /\/ipfs\/baf[a-z0-9]+\?filename=notes%202026\.md$/,
  );
});

test('the share view warns about a local-only link', async ({ page, app }) => {
  const settings = app.running.host.services.settings;
  const before = settings.get().share;
  const cid = CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode('shared beyond this computer')));
  await openShare(page);
  await page.getByLabel('Content to share').fill(cid.toString());

  const first = links(page).getByRole('listitem').first();
  await expect(first).toHaveAccessibleName('Local node (subdomain)');
  await expect(first).toContainText('only on this computer');
  const offer = first.getByRole('group', { name: 'Only on this computer' });
  await expect(offer).toContainText('This link opens only on this computer.');
  await expect(links(page).getByRole('listitem', { name: 'ipfs://' })).not.toContainText('only on this computer');

  // Offline, a public gateway cannot be checked: it is taken on, and the notice says it was not checked.
  await offer.getByLabel('Share through').selectOption({ label: 'dweb.link' });
  await offer.getByRole('button', { name: 'Check and use' }).click();
  await expect(notices(page)).toContainText('Share links now go through dweb.link. Offline mode kept Cairn');
  await expect(first).toHaveAccessibleName('dweb.link');
  await expect(first).not.toContainText('only on this computer');
  await expect(page.getByRole('group', { name: 'Only on this computer' })).toHaveCount(0);
  expect(settings.get().share.defaultGateway).toBe('dweb-link');
  expect(settings.get().share.gateways.find((gateway) => gateway.id === 'dweb-link')?.enabled).toBe(true);

  await settings.change((current) => ({ ...current, share: before }));
});

/** Restarts the node from the Node view; resolves once a new daemon process runs. */
async function restartFromNodeView(page: Page, app: CairnApp): Promise<void> {
  const before = (await app.running.host.services.node.status()).info?.binary?.pid ?? 'none';
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Node' }).click();
  await page.getByRole('button', { name: 'Restart node' }).click();
  const binary = page.getByRole('table', { name: 'Node facts' }).getByRole('row', { name: /^Binary / });
  await expect(binary).toContainText(new RegExp(`process (?!${before}\\))\\d+`));
}

async function copyLocalLink(page: Page, cid: string): Promise<string> {
  await openShare(page);
  await page.getByLabel('Content to share').fill(cid);
  const local = links(page).getByRole('listitem', { name: 'Local node (subdomain)' });
  await local.getByRole('button', { name: 'Copy Local node (subdomain) link' }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('the same local link still opens after a node restart, and a moved gateway is reported', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-restart-'));
  await writeFile(join(dir, 'kept.txt'), 'still here after a restart\n');
  const cid = (await app.ipfs('add', '-Q', '--cid-version=1', join(dir, 'kept.txt'))).trim();
  await rm(dir, { recursive: true, force: true });

  const link = await copyLocalLink(page, cid);
  await restartFromNodeView(page, app);
  const opened = await page.context().newPage();
  expect((await opened.goto(link))?.status()).toBe(200);
  await expect(opened.locator('body')).toHaveText('still here after a restart');

  // Another program takes the gateway's port while the node is stopped: the node moves, and says the links changed.
  const port = Number(new URL(link).port);
  await app.running.host.services.node.stop();
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
  try {
    await restartFromNodeView(page, app);
    await expect(notices(page)).toContainText(`The local gateway moved from port ${port} to `);
    await expect(notices(page)).toContainText('Local links changed');
    const moved = await copyLocalLink(page, cid);
    expect(new URL(moved).port).not.toBe(String(port));
    expect((await opened.goto(moved))?.status()).toBe(200);
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
});
