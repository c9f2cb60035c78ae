import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, notices, test, type CairnApp } from './fixtures';
import { expectRefusedAt } from './refused-field';

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Names' }).click();
});

/** Writes a file into Files with Kubo's own CLI, as another program changing the folder would. */
async function writeIntoFiles(app: CairnApp, mfsPath: string, content: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-ipns-'));
  try {
    await writeFile(join(dir, 'content'), content);
    await app.ipfs('files', 'write', '--create', '--parents', mfsPath, join(dir, 'content'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const folderCid = async (app: CairnApp, path: string) => (await app.ipfs('files', 'stat', '--hash', path)).trim();
const keyRow = (page: Page, name: string) => page.getByRole('list', { name: 'Keys' }).getByRole('listitem', { name });

test('publishes a folder under a new key, copies its ipns:// link, and follows the folder as it changes', async ({
  page,
  app,
}) => {
  await expect(page.getByRole('note')).toContainText('Their records have not reached the network');

  await page.getByLabel('Key name').fill('website');
  await page.getByRole('button', { name: 'Create key' }).click();
  const row = keyRow(page, 'website');
  await expect(row.getByRole('code').first()).toHaveText(/^k51[0-9a-z]+$/);
  const name = (await row.getByRole('code').first().textContent()) ?? '';
  await expect(row).toContainText('Not published yet');

  await app.ipfs('files', 'mkdir', '-p', '/site');
  await writeIntoFiles(app, '/site/index.html', '<h1>first</h1>');
  const first = await folderCid(app, '/site');

  const publishForm = page.getByRole('form', { name: 'Publish under a name' });
  await publishForm.getByLabel('Key').selectOption('website');
  await publishForm.getByLabel('CID or Files path').fill('/site');
  await publishForm.getByRole('button', { name: 'Publish' }).click();
  await expect(publishForm.getByRole('status')).toHaveText(
    `Published /ipfs/${first} under ${name}. Offline mode: the record is on this node only and has not reached the network.`,
  );
  const record = row.getByRole('table', { name: `Record of ${name}` });
  await expect(record.getByRole('row', { name: 'Points to' })).toContainText(`/ipfs/${first}`);
  await expect(record.getByRole('row', { name: 'Sequence' }).getByRole('cell')).toHaveText('0');

  await row.getByRole('button', { name: 'Links for website' }).click();
  const links = row.getByRole('list', { name: 'Links for website' });
  await links.getByRole('button', { name: 'Copy ipns:// link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`ipns://${name}`);
  await expect(links.getByRole('listitem', { name: 'Local node (subdomain)' }).getByRole('code')).toHaveText(
    new RegExp(`^http://${name}\\.ipns\\.localhost:\\d+/$`),
  );

  const bindForm = page.getByRole('form', { name: 'Bind a folder' });
  await bindForm.getByLabel('Key for the folder').selectOption('website');
  await bindForm.getByLabel('Folder in Files').fill('/site');
  await bindForm.getByLabel('Minimum interval (seconds)').fill('1');
  await bindForm.getByRole('button', { name: 'Bind folder' }).click();
  const bound = page
    .getByRole('list', { name: 'Bound folders' })
    .getByRole('listitem', { name: '/site under website' });
  await expect(bound.getByRole('status')).toHaveText('Up to date');

  await writeIntoFiles(app, '/site/news.html', '<h1>news</h1>');
  const second = await folderCid(app, '/site');
  expect(second).not.toBe(first);
  await expect(record.getByRole('row', { name: 'Points to' })).toContainText(`/ipfs/${second}`, { timeout: 30_000 });
  await expect(bound.getByRole('status')).toHaveText('Up to date');
  await expect(record.getByRole('row', { name: 'Sequence' }).getByRole('cell')).toHaveText(/^[1-9]\d*$/);
  await page.screenshot({ path: 'test-results/names-view.png', fullPage: true });

  // The copied link still names the same thing, and it now leads to the new folder.
  const resolveForm = page.getByRole('form', { name: 'Resolve a name' });
  await resolveForm.getByLabel('IPNS name').fill(`ipns://${name}`);
  await resolveForm.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByRole('group', { name: 'Resolved name' }).getByRole('status')).toHaveText(
    `${name} points to /ipfs/${second} now.`,
  );

  // A path inside the name is what its links lead to, not the name's root.
  await resolveForm.getByLabel('IPNS name').fill(`ipns://${name}/news.html`);
  await resolveForm.getByRole('button', { name: 'Resolve' }).click();
  const resolved = page.getByRole('group', { name: 'Resolved name' });
  await expect(resolved.getByRole('status')).toHaveText(`${name} points to /ipfs/${second}/news.html now.`);
  const pathLinks = resolved.getByRole('list', { name: `Links for ${name}/news.html` });
  await pathLinks.getByRole('button', { name: 'Copy ipns:// link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`ipns://${name}/news.html`);
  await expect(pathLinks.getByRole('listitem', { name: 'Local node (subdomain)' }).getByRole('code')).toHaveText(
    new RegExp(`^http://${name}\\.ipns\\.localhost:\\d+/news\\.html$`),
  );
});

test('asks before removing a key, and says what each bad input is', async ({ page }) => {
  // A name main refuses is shown at its field, kept as typed, with the focus on it.
  await page.getByLabel('Key name').fill('my blog');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expectRefusedAt(
    page.getByLabel('Key name'),
    'my blog',
    /A key name is letters, digits, dot, dash and underscore\.$/,
  );
  await page.getByLabel('Key name').fill('temporary');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(keyRow(page, 'temporary')).toBeVisible();
  await expect(page.getByLabel('Key name')).toHaveValue('');
  await page.getByLabel('Key name').fill('temporary');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('form', { name: 'New key' }).getByRole('alert')).toHaveText(
    'A key named “temporary” already exists: choose another name.',
  );

  const row = keyRow(page, 'temporary');
  await row.getByRole('button', { name: 'Rename temporary' }).click();
  const newName = row.getByRole('form', { name: 'Rename temporary' }).getByLabel('New name');
  await newName.fill('self');
  await row.getByRole('button', { name: 'Save the new name' }).click();
  await expectRefusedAt(newName, 'self', /“self” is the node’s own key; choose another name\.$/);
  await row.getByRole('button', { name: 'Rename temporary' }).click();
  await row.getByRole('button', { name: 'Remove temporary' }).click();
  await expect(row.getByRole('group', { name: 'Confirm removing temporary' })).toContainText('Every link to k51');
  await row.screenshot({ path: 'test-results/names-remove.png' });
  await row.getByRole('button', { name: 'Remove temporary for good' }).click();
  await expect(keyRow(page, 'temporary')).toHaveCount(0);
  await expect(keyRow(page, 'self').getByRole('button', { name: 'Remove self' })).toHaveCount(0);

  const resolveForm = page.getByRole('form', { name: 'Resolve a name' });
  // The field says what main resolves, and that a CID is not one of them.
  await expect(resolveForm.getByLabel('IPNS name')).toHaveAccessibleDescription(
    'A key (k51…, 12D3KooW…), a DNSLink domain (example.org), /ipns/…, ipns://… or a gateway link to one. Not a CID or /ipfs/ path: that content never changes, open it in Share.',
  );
  await resolveForm.getByLabel('IPNS name').fill('/ipfs/bafkqaaa');
  await resolveForm.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolveForm.getByRole('alert')).toHaveText(
    '“/ipfs/bafkqaaa” is an immutable CID (/ipfs/), not an IPNS name: it always points to the same content. Open it in Share instead.',
  );
  await resolveForm.getByLabel('IPNS name').fill('   ');
  await resolveForm.getByRole('button', { name: 'Resolve' }).click();
  await expectRefusedAt(
    resolveForm.getByLabel('IPNS name'),
    '   ',
    /Nothing was entered: paste an IPNS name \(k51…\), a DNSLink domain or an ipns:\/\/ link\.$/,
  );
  await resolveForm.getByLabel('IPNS name').fill('ipns://docs.example.org');
  await resolveForm.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolveForm.getByRole('alert')).toHaveText(
    'docs.example.org is a domain name, and looking it up means asking DNS: offline mode is on, so Cairn does not.',
  );
  await resolveForm.getByLabel('IPNS name').fill('/ipns/not_a_name');
  await resolveForm.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolveForm.getByRole('alert')).toHaveText(
    '“/ipns/not_a_name” is not an IPNS name: it is a single word, and a DNSLink name is a domain with a dot (example.org). Each computer or gateway looks a single word up in its own network, so a link made from it would open something else, or nothing, anywhere but here.',
  );

  const publishForm = page.getByRole('form', { name: 'Publish under a name' });
  await publishForm.getByLabel('CID or Files path').fill('bafkqaaa');
  await publishForm.getByLabel('Lifetime (hours)').fill('1');
  await publishForm.getByLabel('TTL (minutes)').fill('120');
  await publishForm.getByRole('button', { name: 'Publish', exact: true }).click();
  await expectRefusedAt(
    publishForm.getByLabel('TTL (minutes)'),
    '120',
    /The TTL cannot be longer than the lifetime\.$/,
  );

  const bindForm = page.getByRole('form', { name: 'Bind a folder' });
  await bindForm.getByLabel('Folder in Files').fill('website');
  await bindForm.getByRole('button', { name: 'Bind folder' }).click();
  await expectRefusedAt(bindForm.getByLabel('Folder in Files'), 'website', /^An MFS path starts with “\/”\.$/);
  await bindForm.getByLabel('Folder in Files').fill('/website');
  await bindForm.getByLabel('Minimum interval (seconds)').fill('999999');
  await bindForm.getByRole('button', { name: 'Bind folder' }).click();
  await expectRefusedAt(
    bindForm.getByLabel('Minimum interval (seconds)'),
    '999999',
    /Publish at least once a week: at most 604800 seconds\.$/,
  );
  await expect(bindForm.getByLabel('Folder in Files')).not.toHaveAttribute('aria-invalid');
});

test('hands a CID from the Share view to the publish form', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-ipns-'));
  await writeFile(join(dir, 'page.html'), '<p>hello</p>');
  const cid = (await app.ipfs('add', '-Q', join(dir, 'page.html'))).trim();
  await rm(dir, { recursive: true, force: true });

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Share' }).click();
  await page.getByLabel('Content to share').fill(`/ipfs/${cid}`);
  await page.getByRole('button', { name: 'Publish under a name…' }).click();
  await expect(page.getByRole('heading', { name: 'Names', level: 1 })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Publish under a name' }).getByLabel('CID or Files path')).toHaveValue(
    `/ipfs/${cid}`,
  );
});

test('refuses a name in Files main will not take, at its field, and copies nothing', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-ipns-'));
  await writeFile(join(dir, 'note.txt'), 'what the name points to');
  const cid = (await app.ipfs('add', '-Q', '--pin=false', join(dir, 'note.txt'))).trim();
  await rm(dir, { recursive: true, force: true });
  const published = await app.ipfs('name', 'publish', '--allow-offline', '--key=self', `/ipfs/${cid}`);
  const name = /^Published to (k51[0-9a-z]+):/.exec(published)?.[1] ?? '';
  const filesBefore = await app.ipfs('files', 'ls', '/');

  const resolveForm = page.getByRole('form', { name: 'Resolve a name' });
  await resolveForm.getByLabel('IPNS name').fill(name);
  await resolveForm.getByRole('button', { name: 'Resolve' }).click();
  const resolved = page.getByRole('group', { name: 'Resolved name' });
  await expect(resolved.getByRole('status')).toHaveText(`${name} points to /ipfs/${cid} now.`);
  const importForm = resolved.getByRole('form', { name: 'Import into Files' });
  const nameInFiles = importForm.getByRole('textbox', { name: 'Name in Files' });

  await nameInFiles.fill('notes/imported.txt');
  await importForm.getByRole('button', { name: 'Import into Files' }).click();
  await expectRefusedAt(nameInFiles, 'notes/imported.txt', /^A name cannot contain “\/”\.$/);

  const tooLong = `${'n'.repeat(252)}.txt`;
  await nameInFiles.fill(tooLong);
  await importForm.getByRole('button', { name: 'Import into Files' }).click();
  await expectRefusedAt(nameInFiles, tooLong, /^A name is at most 255 bytes\.$/);
  expect(await app.ipfs('files', 'ls', '/')).toBe(filesBefore);
});

test('imports what the shown name points to, not what the field holds since', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-ipns-'));
  const publish = async (key: string, text: string) => {
    await writeFile(join(dir, key), text);
    const cid = (await app.ipfs('add', '-Q', '--pin=false', join(dir, key))).trim();
    await app.ipfs('key', 'gen', key);
    const published = await app.ipfs('name', 'publish', '--allow-offline', `--key=${key}`, `/ipfs/${cid}`);
    return { cid, name: /^Published to (k51[0-9a-z]+):/.exec(published)?.[1] ?? '' };
  };
  const shown = await publish('shown-name', 'what the shown name points to');
  const typed = await publish('typed-name', 'what the name typed since points to');
  await rm(dir, { recursive: true, force: true });

  const resolveForm = page.getByRole('form', { name: 'Resolve a name' });
  await resolveForm.getByLabel('IPNS name').fill(shown.name);
  await resolveForm.getByRole('button', { name: 'Resolve' }).click();
  const resolved = page.getByRole('group', { name: 'Resolved name' });
  await expect(resolved.getByRole('status')).toHaveText(`${shown.name} points to /ipfs/${shown.cid} now.`);
  // Another name typed, not resolved: the import below is of what the page says.
  await resolveForm.getByLabel('IPNS name').fill(typed.name);
  const importForm = resolved.getByRole('form', { name: 'Import into Files' });
  await importForm.getByRole('textbox', { name: 'Name in Files' }).fill('shown.txt');
  await importForm.getByRole('button', { name: 'Import into Files' }).click();
  await expect(notices(page)).toContainText(`Copied ${shown.cid} into Files as /shown.txt.`);
  expect(await folderCid(app, '/shown.txt')).toBe(shown.cid);
});

test('removing a key gives the focus to the row now in its place', async ({ page }) => {
  const tag = `focus-${Date.now().toString(36)}`;
  for (const name of [`${tag}-a`, `${tag}-b`]) {
    await page.getByLabel('Key name').fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(keyRow(page, name)).toBeVisible();
  }
  const keys = page.getByRole('list', { name: 'Keys' });
  const names = await keys
    .getByRole('listitem')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
  // The button pressed is disabled while the node removes the key, then its row goes: the focus, taken
  // from it twice, is on the row now in its place, not on the page's body.
  const gone = `${tag}-a`;
  const next = names[names.indexOf(gone) + 1] ?? names[names.indexOf(gone) - 1] ?? '';
  await keyRow(page, gone)
    .getByRole('button', { name: `Remove ${gone}` })
    .press('Enter');
  await keyRow(page, gone)
    .getByRole('button', { name: `Remove ${gone} for good` })
    .press('Enter');
  await expect(keyRow(page, gone)).toHaveCount(0);
  await expect(keyRow(page, next)).toBeFocused();
  await keyRow(page, `${tag}-b`)
    .getByRole('button', { name: `Remove ${tag}-b` })
    .press('Enter');
  await keyRow(page, `${tag}-b`)
    .getByRole('button', { name: `Remove ${tag}-b for good` })
    .press('Enter');
  await expect(keyRow(page, `${tag}-b`)).toHaveCount(0);
  await expect.poll(() => keys.evaluate((element) => element.contains(document.activeElement))).toBe(true);
});

test('a button pressed by keyboard keeps the focus through its action, though it is disabled while it runs', async ({
  page,
}) => {
  await page.getByLabel('Key name').fill('kept-focus');
  const create = page.getByRole('button', { name: 'Create key' });
  await page.getByLabel('Key name').press('Tab');
  await expect(create).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(keyRow(page, 'kept-focus')).toBeVisible();
  // Not dropped on the page's body: the next Tab goes on from here, not from the top of the page.
  await expect(create).toBeEnabled();
  await expect(create).toBeFocused();
});
