import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockPinStatus } from 'mock-ipfs-pinning-service';
import { startFaultProxy } from '../harness/fault-proxy';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';
import { expect, notices, test, type CairnApp } from './fixtures';
import { expectRefusedAt } from './refused-field';
import { pickFile } from './pick-file';

let first: TestPinningService;
let second: TestPinningService;

test.beforeAll(async () => {
  [first, second] = await Promise.all([startPinningService(), startPinningService()]);
});
test.afterAll(async () => {
  await Promise.all([first.stop(), second.stop()]);
});

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

const views = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Views' });

/** Saves a custom pinning service in Settings without testing it first. */
async function saveService(page: import('@playwright/test').Page, name: string, endpoint: string, token: string) {
  await views(page).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add a pinning service' }).click();
  const form = page.getByRole('form', { name: 'Add a pinning service' });
  await form.getByLabel('Service').selectOption('custom');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('API endpoint').fill(endpoint);
  await form.getByLabel('Access token').fill(token);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('list', { name: 'Pinning services' }).getByRole('listitem', { name })).toBeVisible();
}

/** CIDs of small files holding these texts, as the node hashes them (nothing is stored). */
async function cidsOf(app: CairnApp, texts: string[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-pins-'));
  const cids: string[] = [];
  for (const [at, text] of texts.entries()) {
    await writeFile(join(dir, String(at)), text);
    cids.push((await app.ipfs('add', '-Q', '--only-hash', join(dir, String(at)))).trim());
  }
  await rm(dir, { recursive: true, force: true });
  return cids;
}

/** Pins a service holds from the start, one a name (its text the name), created a day apart. */
async function heldPins(app: CairnApp, tag: string, names: string[]): Promise<MockPinStatus[]> {
  const cids = await cidsOf(
    app,
    names.map((name) => `${name}\n`),
  );
  return names.map((name, at) => ({
    requestid: `${tag}-${at}`,
    status: 'pinned',
    created: new Date(Date.UTC(2026, 0, 1 + at)).toISOString(),
    pin: { cid: cids[at] ?? '', name },
    delegates: [],
  }));
}

/** Pins > On services, listing the service saved as `name`. */
async function showServicePins(page: import('@playwright/test').Page, name: string) {
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'On services' }).click();
  const filter = page.getByRole('form', { name: 'Remote pins filter' });
  await filter.getByLabel('Service').selectOption({ label: name });
  await filter.getByRole('button', { name: 'Show pins' }).click();
  return page.getByRole('list', { name: 'Remote pins' });
}

/** The service saved as `name` removed from the app this worker's spec files share. */
async function removeSavedService(app: CairnApp, name: string): Promise<void> {
  const { pins, settings } = app.running.host.services;
  const added = settings.get().pins.services.find((one) => one.name === name);
  if (added) await pins.removeService(added.id);
}

test('configures two services, pins an uploaded file to both, and follows each state on screen', async ({ page }) => {
  // No service yet: Pins and Settings say what one is for and how to add it.
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'On services' }).click();
  await expect(page.getByRole('main')).toContainText('No pinning service yet.');
  await page.getByRole('button', { name: 'Open Settings' }).click();
  const services = page.getByRole('region', { name: 'Pinning services' });
  await expect(services).toContainText('No pinning service yet.');
  await expect(services).toContainText('have its API endpoint and an access token from your account at hand');

  // An address that is not one is refused at its field, saying why.
  await page.getByRole('button', { name: 'Add a pinning service' }).click();
  const refused = page.getByRole('form', { name: 'Add a pinning service' });
  await refused.getByLabel('API endpoint').fill('ftp://x');
  await refused.getByRole('button', { name: 'Save' }).click();
  await expect(refused.getByLabel('API endpoint')).toHaveAttribute('aria-invalid', 'true');
  await expect(refused.getByLabel('API endpoint')).toHaveAccessibleDescription(
    /^This is not a pinning service address: enter an https URL/,
  );
  await refused.getByRole('button', { name: 'Cancel' }).click();

  // Two services, each tested before saving (the peers on loopback).
  await views(page).getByRole('button', { name: 'Settings' }).click();
  for (const [name, service] of [
    ['Alpha pins', first],
    ['Beta pins', second],
  ] as const) {
    await page.getByRole('button', { name: 'Add a pinning service' }).click();
    const form = page.getByRole('form', { name: 'Add a pinning service' });
    await form.getByLabel('Service').selectOption('custom');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('API endpoint').fill(service.endpoint);
    await form.getByLabel('Access token').fill('wrong token');
    await form.getByRole('button', { name: 'Test' }).click();
    await expect(form.getByRole('alert')).toContainText(
      `The pinning service at ${new URL(service.endpoint).host} refused the access token: check the token`,
    );
    await form.getByText('Details').click();
    await expect(form.getByText(/HTTP 401/)).toBeVisible();
    await form.getByLabel('Access token').fill(service.token);
    await form.getByRole('button', { name: 'Test' }).click();
    await expect(form.getByRole('status')).toContainText('OK: the service answers and accepts the token.');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('list', { name: 'Pinning services' }).getByRole('listitem', { name })).toBeVisible();
  }
  // The token is never shown again, nor sent to the page.
  await expect(page.getByText(first.token)).toHaveCount(0);
  // Registering a service with Kubo says plainly where Kubo keeps its token.
  await expect(page.getByRole('checkbox', { name: 'Also in Kubo for Alpha pins' })).toHaveAccessibleDescription(
    /Kubo keeps its token in its config file in plain text/,
  );

  await views(page).getByRole('button', { name: 'Files' }).click();
  await page.getByText('Upload options').click();
  // The box shows the saved setting, so it turns on once main has saved it.
  const alsoPin = page.getByRole('checkbox', { name: /^Also pin on this node/ });
  await alsoPin.click();
  await expect(alsoPin).toBeChecked();
  await pickFile(page, 'report.txt', 'text/plain', 'quarterly numbers\n');
  const cid = (
    await page
      .getByRole('list', { name: 'Uploads' })
      .getByRole('listitem', { name: 'report.txt', exact: true })
      .getByLabel('CID of report.txt', { exact: true })
      .innerText()
  ).trim();

  await views(page).getByRole('button', { name: 'Pins' }).click();
  // Named by the Files path the upload put it at.
  const row = page
    .getByRole('list', { name: 'Local pins' })
    .getByRole('listitem', { name: '/report.txt', exact: true });
  await expect(row).toContainText(`recursive`);
  await expect(row).toContainText(cid.slice(0, 20));
  await page.screenshot({ path: 'test-results/pins-local.png', fullPage: true });
  await row.getByRole('button', { name: 'Pin to services /report.txt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pin to services' });
  await dialog.getByRole('checkbox', { name: 'Alpha pins' }).check();
  await dialog.getByRole('checkbox', { name: 'Beta pins' }).check();
  // A name or a value typed with a hidden character would be what the service shows others: refused at it.
  const disguised = 'queued-\u202Etxt.exe';
  await dialog.getByLabel('Pin name').fill(disguised);
  await dialog.getByRole('button', { name: 'Pin to 2 services' }).click();
  await expectRefusedAt(dialog.getByLabel('Pin name'), disguised, /A pin name cannot hold ⟨U\+202E⟩/);
  // The peer sets a status from a name prefix: "queued-" stays queued until the test moves it.
  await dialog.getByLabel('Pin name').fill('queued-report.txt');
  await dialog.getByRole('button', { name: 'Add metadata' }).click();
  await dialog.getByLabel('Metadata 1 key').fill('project');
  await dialog.getByLabel('Metadata 1 value').fill('cai\u200Brn');
  await dialog.getByRole('button', { name: 'Pin to 2 services' }).click();
  await expectRefusedAt(
    dialog.getByLabel('Metadata 1 value'),
    'cai\u200Brn',
    /A metadata value cannot hold ⟨U\+200B⟩, a zero-width space/,
  );
  await dialog.getByLabel('Metadata 1 value').fill('cairn');
  await page.screenshot({ path: 'test-results/pins-dialog.png', fullPage: true });
  await dialog.getByRole('button', { name: 'Pin to 2 services' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'Remote requests' }).click();
  const requests = page.getByRole('table', { name: 'Remote pin requests' });
  const onAlpha = requests.getByRole('row', { name: 'queued-report.txt on Alpha pins' });
  const onBeta = requests.getByRole('row', { name: 'queued-report.txt on Beta pins' });
  await expect(onAlpha.getByRole('cell').nth(3)).toHaveText(/^queued/);
  await expect(onBeta.getByRole('cell').nth(3)).toHaveText(/^queued/);
  await expect.poll(() => first.pins().map((pin) => pin.pin.meta)).toEqual([{ project: 'cairn' }]);
  await page.screenshot({ path: 'test-results/pins-requests-queued.png', fullPage: true });

  // Each service moves on its own; the screen follows each one.
  const move = (service: TestPinningService, status: 'pinning' | 'pinned' | 'failed', info?: Record<string, string>) =>
    service.edit((pins) => pins.map((pin) => ({ ...pin, status, ...(info ? { info } : {}) })));
  move(first, 'pinning');
  await expect(onAlpha.getByRole('cell').nth(3)).toHaveText('pinning');
  await expect(onBeta.getByRole('cell').nth(3)).toHaveText(/^queued/);
  move(first, 'pinned');
  move(second, 'failed', { status_details: 'content not found by the service' });
  await expect(onAlpha.getByRole('cell').nth(3)).toHaveText('pinned');
  await expect(onBeta.getByRole('cell').nth(3)).toHaveText('failed content not found by the service');
  await page.screenshot({ path: 'test-results/pins-requests-settled.png', fullPage: true });

  // The failed one is asked again; the peer now says queued, and then pinned.
  await onBeta.getByRole('button', { name: `Retry ${cid} on Beta pins` }).click();
  await expect(onBeta.getByRole('cell').nth(3)).toHaveText(/^queued/);
  // The service must hold the new request before it can move it on.
  await expect.poll(() => second.pins().map((pin) => pin.status)).toEqual(['queued']);
  move(second, 'pinned');
  await expect(onBeta.getByRole('cell').nth(3)).toHaveText('pinned');

  // What a service holds, asked of the service itself.
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'On services' }).click();
  const filter = page.getByRole('form', { name: 'Remote pins filter' });
  await filter.getByLabel('Service').selectOption({ label: 'Beta pins' });
  await filter.getByRole('button', { name: 'Show pins' }).click();
  await expect(
    page.getByRole('list', { name: 'Remote pins' }).getByRole('listitem', { name: 'queued-report.txt' }),
  ).toContainText('pinned');
  await page.screenshot({ path: 'test-results/pins-on-services.png', fullPage: true });

  // The same states in the badge wherever the CID appears, and the copies in the redundancy view.
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'Redundancy' }).click();
  const copies = page.getByRole('table', { name: 'Copies per CID' }).getByRole('row', { name: new RegExp(cid) });
  await expect(copies.getByRole('cell').nth(1)).toHaveText('3');
  await views(page).getByRole('button', { name: 'Share' }).click();
  await page.getByLabel('Content to share').fill(cid);
  const badge = page.getByRole('list', { name: /^Pin status of / });
  await expect(badge.getByRole('listitem')).toHaveText(['Local: pinned', 'Alpha pins: pinned', 'Beta pins: pinned']);
  await page.screenshot({ path: 'test-results/pins-share-badge.png', fullPage: true });

  // A pin replaced on the service keeps its name and metadata, as the form says before and the notice after.
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'On services' }).click();
  await filter.getByLabel('Service').selectOption({ label: 'Beta pins' });
  await filter.getByRole('button', { name: 'Show pins' }).click();
  const onService = page
    .getByRole('list', { name: 'Remote pins' })
    .getByRole('listitem', { name: 'queued-report.txt' });
  await onService.getByRole('button', { name: 'Replace queued-report.txt' }).click();
  const replace = page.getByRole('form', { name: 'Replace queued-report.txt' });
  await expect(replace.getByLabel('New CID')).toHaveAccessibleDescription(
    'The new pin keeps its name “queued-report.txt” and its metadata project: cairn.',
  );
  const newCid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
  await replace.getByLabel('New CID').fill(newCid);
  await replace.getByRole('button', { name: 'Replace' }).click();
  await expect(notices(page)).toContainText(
    `Replaced the pin with ${newCid}, keeping its name “queued-report.txt” and its metadata project: cairn.`,
  );
  expect(second.pins().map(({ pin }) => pin)).toEqual([
    { cid: newCid, name: 'queued-report.txt', meta: { project: 'cairn' } },
  ]);
});

test('pins by CID, warns before unpinning what nothing else keeps, and unpins', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-pins-'));
  await writeFile(join(dir, 'loose.txt'), `not pinned yet ${Date.now()}\n`);
  const cid = (await app.ipfs('add', '-Q', '--pin=false', join(dir, 'loose.txt'))).trim();
  await rm(dir, { recursive: true, force: true });
  await views(page).getByRole('button', { name: 'Pins' }).click();
  const tooLong = `/${'x'.repeat(4096)}`;
  await page.getByLabel('CID or path to pin').fill(tooLong);
  await page.getByRole('button', { name: 'Pin', exact: true }).click();
  await expectRefusedAt(
    page.getByLabel('CID or path to pin'),
    tooLong,
    /^This is too long for a CID, a path or a link: at most 4096 characters\.$/,
  );
  await page.getByLabel('CID or path to pin').fill(cid);
  await page.getByRole('button', { name: 'Pin', exact: true }).click();
  const row = page.getByRole('list', { name: 'Local pins' }).getByRole('listitem', { name: cid });
  // Filtered first: on a node with many pins the new row may be far down the virtualized list.
  await page.getByLabel('Filter by name or CID').fill(cid.slice(-10));
  await expect(page.getByRole('list', { name: 'Local pins' }).getByRole('listitem')).toHaveCount(1);
  await expect(row).toContainText('recursive');

  await row.getByRole('button', { name: `Unpin ${cid}` }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Unpin this content?' });
  await expect(confirm).toContainText('Garbage collection will remove it');
  await confirm.getByRole('button', { name: 'Unpin anyway' }).click();
  await expect(page.getByRole('list', { name: 'Local pins' }).getByRole('listitem', { name: cid })).toHaveCount(0);
  await views(page).getByRole('button', { name: 'Verify' }).click();
  await page.getByLabel('CID to inspect').fill(cid);
  await expect(page.getByRole('list', { name: /^Pin status of / })).toHaveText(
    'Local: will be removed by garbage collection',
  );
});

test('a request the service refuses says why in plain words, the service’s answer behind Details', async ({
  page,
  app,
}) => {
  const host = new URL(first.endpoint).host;
  await saveService(page, 'Stale token pins', first.endpoint, 'a token the service no longer knows');

  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-pins-'));
  await writeFile(join(dir, 'refused.txt'), `refused by the service ${Date.now()}\n`);
  const cid = (await app.ipfs('add', '-Q', '--pin=true', join(dir, 'refused.txt'))).trim();
  await rm(dir, { recursive: true, force: true });
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByLabel('Filter by name or CID').fill(cid.slice(-10));
  await page
    .getByRole('list', { name: 'Local pins' })
    .getByRole('button', { name: `Pin to services ${cid}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Pin to services' });
  await dialog.getByRole('checkbox', { name: 'Stale token pins' }).check();
  await dialog.getByLabel('Pin name').fill('refused.txt');
  await dialog.getByRole('button', { name: 'Pin to 1 service' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'Remote requests' }).click();
  const status = page
    .getByRole('table', { name: 'Remote pin requests' })
    .getByRole('row', { name: 'refused.txt on Stale token pins' })
    .getByRole('cell')
    .nth(3);
  await expect(status).toContainText(
    `failed The pinning service at ${host} refused the access token: check the token, or make a new one in your account there.`,
  );
  await expect(status.getByText(/HTTP 401/)).toBeHidden();
  await status.getByText('Details').click();
  await expect(status.getByText(/HTTP 401/)).toBeVisible();
  await page.screenshot({ path: 'test-results/pins-request-refused.png', fullPage: true });

  // Remove asks the service too, which refuses the token: the request stays, and the failure says why.
  const row = page.getByRole('table', { name: 'Remote pin requests' }).getByRole('row', {
    name: 'refused.txt on Stale token pins',
  });
  await row.getByRole('button', { name: `Remove ${cid} on Stale token pins` }).click();
  await expect(notices(page).getByRole('listitem').filter({ hasText: 'Could not remove the request' })).toContainText(
    'refused the access token',
  );
  await expect(row).toBeVisible();
  // Forget stops following it here, whatever the service may hold.
  await row.getByRole('button', { name: `Forget ${cid} on Stale token pins` }).click();
  await expect(row).toBeHidden();

  const { pins, settings } = app.running.host.services;
  const stale = settings.get().pins.services.find((service) => service.name === 'Stale token pins');
  if (stale) await pins.removeService(stale.id);
});

test('counts a copy on this node when the node keeps the requested content under another CID form', async ({
  page,
  app,
}) => {
  const service = await startPinningService();
  await saveService(page, 'Gamma pins', service.endpoint, service.token);

  // Pinned on this node as CIDv0; the service is asked for the same content as CIDv1.
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-pins-'));
  await writeFile(join(dir, 'two-forms.txt'), `one content, two CID forms ${Date.now()}\n`);
  const v0 = (
    await app.ipfs('add', '-Q', '--pin=false', '--cid-version=0', '--raw-leaves=false', join(dir, 'two-forms.txt'))
  ).trim();
  await rm(dir, { recursive: true, force: true });
  const v1 = (await app.ipfs('cid', 'format', '-v', '1', '-b', 'base32', v0)).trim();
  expect(v1).not.toBe(v0);
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByLabel('CID or path to pin').fill(v0);
  await page.getByRole('button', { name: 'Pin', exact: true }).click();
  await page.getByLabel('Filter by name or CID').fill(v0.slice(-10));
  await expect(page.getByRole('list', { name: 'Local pins' }).getByRole('listitem', { name: v0 })).toContainText(
    'recursive',
  );

  const { pins, settings } = app.running.host.services;
  const gamma = settings.get().pins.services.find((saved) => saved.name === 'Gamma pins');
  if (!gamma) throw new Error('Gamma pins was not saved');
  await pins.requestRemote({ cids: [v1], serviceIds: [gamma.id], name: 'two-forms.txt' });
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'Redundancy' }).click();
  const table = page.getByRole('table', { name: 'Copies per CID' });
  const row = table.getByRole('row', { name: new RegExp(v1) });
  // Only this node holds it while the service has it queued.
  await expect(row.getByRole('cell').nth(2)).toHaveText('pinned');
  await expect(row.getByRole('cell').nth(1)).toHaveText('1 only one place');

  // Other services saved earlier in this worker come first: Gamma's column is found by its header.
  const onGamma = row
    .getByRole('cell')
    .nth((await table.getByRole('columnheader').allInnerTexts()).indexOf('Gamma pins'));
  await expect.poll(() => service.pins().map((pin) => pin.pin.cid)).toEqual([v1]);
  service.edit((held) => held.map((pin) => ({ ...pin, status: 'pinned' })));
  await expect(onGamma).toHaveText('pinned');
  await expect(row.getByRole('cell').nth(1)).toHaveText('2');
  await expect(row.getByRole('cell').nth(2)).toHaveText('pinned');

  // A second service asked for the CIDv0 form holds the same content: one row, a third copy.
  const other = await startPinningService();
  await saveService(page, 'Delta pins', other.endpoint, other.token);
  const delta = settings.get().pins.services.find((saved) => saved.name === 'Delta pins');
  if (!delta) throw new Error('Delta pins was not saved');
  await pins.requestRemote({ cids: [v0], serviceIds: [delta.id], name: 'two-forms.txt' });
  await expect.poll(() => other.pins().map((pin) => pin.pin.cid)).toEqual([v0]);
  other.edit((held) => held.map((pin) => ({ ...pin, status: 'pinned' })));
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'Redundancy' }).click();
  await expect(row.getByRole('cell').nth(1)).toHaveText('3');
  await expect(row.getByRole('cell').first()).toContainText('also asked as another CID form');

  for (const saved of [gamma, delta]) await pins.removeService(saved.id);
  await Promise.all([service.stop(), other.stop()]);
});

test('coming back to the window has main ask the services about pinned requests not confirmed lately', async ({
  page,
}) => {
  // Which requests are asked about, and what a removed pin then shows, is tested against the real
  // service in pins-recheck.test.ts; here, that the page says when the user is back.
  const backInWindow = page.waitForRequest((request) => request.url().endsWith('/invoke/pins.recheckPinned'));
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  const answer = await (await backInWindow).response();
  expect(await answer?.json()).toEqual({ ok: true, data: { asked: 0 } });
});

test('unpinning a row gives the focus to the row now in its place, the last one to the list', async ({ page, app }) => {
  const tag = `kept-focus-${Date.now().toString(36)}`;
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-pins-'));
  for (const name of ['a', 'b']) {
    await writeFile(join(dir, name), `${tag} ${name}\n`);
    const cid = (await app.ipfs('add', '-Q', '--pin=false', join(dir, name))).trim();
    await app.ipfs('pin', 'add', '--name', `${tag}-${name}`, cid);
  }
  await rm(dir, { recursive: true, force: true });
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('button', { name: 'Refresh pins' }).click();
  await page.getByLabel('Filter by name or CID').fill(tag);
  await page.getByLabel('Sort by').selectOption('name');
  const list = page.getByRole('list', { name: 'Local pins' });
  const first = list.getByRole('listitem', { name: `${tag}-a` });
  const second = list.getByRole('listitem', { name: `${tag}-b` });
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // Nothing else keeps it: Unpin asks first; the row gone, the focus is on the next row, not the page's body.
  // The list is listed again after a change; its rows stay meanwhile, the same elements (the marked b), the focus in them.
  await second.evaluate((element) => element.setAttribute('data-listed-before', ''));
  const relisted = page.waitForResponse((response) => response.url().endsWith('/invoke/pins.listLocal'));
  await first.getByRole('button', { name: `Unpin ${tag}-a` }).press('Enter');
  await page
    .getByRole('alertdialog', { name: `Unpin “${tag}-a”?` })
    .getByRole('button', { name: 'Unpin anyway' })
    .press('Enter');
  await expect(first).toHaveCount(0);
  await expect(second).toBeFocused();
  await relisted;
  await expect(list).toHaveAttribute('aria-busy', 'false');
  await expect(list.locator('[data-listed-before]')).toHaveCount(1);
  await expect(second).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(second.getByRole('button', { name: `Unpin ${tag}-b` })).toBeFocused();
  await page.keyboard.press('Enter');
  await page
    .getByRole('alertdialog', { name: `Unpin “${tag}-b”?` })
    .getByRole('button', { name: 'Unpin anyway' })
    .press('Enter');
  await expect(second).toHaveCount(0);
  await expect(list).toBeFocused();
});

test('removing a pin on a service gives the focus to the row now in its place, the last one to the list', async ({
  page,
  app,
}) => {
  const service = await startPinningService();
  const tag = `remote-focus-${Date.now().toString(36)}`;
  const pins = await heldPins(app, tag, [`${tag}-a`, `${tag}-b`]);
  service.edit(() => pins);
  await saveService(page, `Focus pins ${tag}`, service.endpoint, service.token);
  const list = await showServicePins(page, `Focus pins ${tag}`);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  const [top, bottom] = await list
    .getByRole('listitem')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));

  // The service is asked for the page again once one is removed: its rows stay meanwhile, the focus in them.
  await list.getByRole('button', { name: `Remove ${top}` }).press('Enter');
  await expect(list.getByRole('listitem', { name: top })).toHaveCount(0);
  await expect(list.getByRole('listitem', { name: bottom })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(list.getByRole('button', { name: `Remove ${bottom}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(list).toBeFocused();
  expect(service.pins()).toEqual([]);

  await removeSavedService(app, `Focus pins ${tag}`);
  await service.stop();
});

test('a pin being removed on a service says so, and once removed never reads pinned while the list is asked again', async ({
  page,
  app,
}) => {
  const service = await startPinningService();
  const proxy = await startFaultProxy(service.endpoint);
  const tag = `remote-removing-${Date.now().toString(36)}`;
  const pins = await heldPins(app, tag, [`${tag}-a`, `${tag}-b`]);
  service.edit(() => pins);
  await saveService(page, `Removing pins ${tag}`, proxy.url, service.token);
  const list = await showServicePins(page, `Removing pins ${tag}`);
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // Removed on the service, the list asked again and its answer slow: the row says removed, not pinned.
  const relisted = proxy.hold('GET /pins');
  const first = list.getByRole('listitem', { name: `${tag}-a` });
  await first.getByRole('button', { name: `Remove ${tag}-a` }).click();
  await relisted;
  expect(service.pins().map((pin) => pin.pin.name)).toEqual([`${tag}-b`]);
  await expect(first).toContainText('removed');
  await expect(first).not.toContainText('pinned');
  await expect(first.getByRole('button', { name: `Remove ${tag}-a` })).toBeDisabled();

  // The service not done answering the removal yet: the row says it is being removed, and is not removed twice.
  const removing = proxy.hold('DELETE /pins/*');
  const second = list.getByRole('listitem', { name: `${tag}-b` });
  await second.getByRole('button', { name: `Remove ${tag}-b` }).click();
  await removing;
  await expect(second).toContainText('pinned, removing…');
  await expect(second.getByRole('button', { name: `Remove ${tag}-b` })).toBeDisabled();

  await proxy.stop();
  const { settings } = app.running.host.services;
  const added = settings.get().pins.services.find((one) => one.name === `Removing pins ${tag}`);
  if (added) await app.running.host.services.pins.removeService(added.id);
  await service.stop();
});

test('a pin replaced on a service shows the replacement at once, while the list is asked again', async ({
  page,
  app,
}) => {
  const service = await startPinningService();
  const proxy = await startFaultProxy(service.endpoint);
  const tag = `remote-replaced-${Date.now().toString(36)}`;
  const [oldCid, newCid] = await cidsOf(app, [`${tag} old\n`, `${tag} new\n`]);
  const created = new Date(Date.UTC(2026, 0, 1)).toISOString();
  service.edit(() => [
    { requestid: tag, status: 'pinned', created, pin: { cid: oldCid ?? '', name: tag }, delegates: [] },
  ]);
  await saveService(page, `Replacing pins ${tag}`, proxy.url, service.token);
  const row = (await showServicePins(page, `Replacing pins ${tag}`)).getByRole('listitem', { name: tag });
  await expect(row).toContainText(oldCid ?? '');

  // Replaced, the list asked again and its answer slow: the row shows what the service answered.
  await row.getByRole('button', { name: `Replace ${tag}` }).click();
  const form = row.getByRole('form', { name: `Replace ${tag}` });
  await form.getByLabel('New CID').fill(newCid ?? '');
  const relisted = proxy.hold('GET /pins');
  await form.getByRole('button', { name: 'Replace' }).click();
  await relisted;
  expect(service.pins().map((pin) => pin.pin.cid)).toEqual([newCid]);
  await expect(row).toContainText(newCid ?? '');
  await expect(row).not.toContainText(oldCid ?? '');
  await expect(form).toBeHidden();

  await proxy.stop();
  await removeSavedService(app, `Replacing pins ${tag}`);
  await service.stop();
});

test('a pin request being removed says so, and is not removed twice', async ({ page, app }) => {
  const service = await startPinningService();
  const proxy = await startFaultProxy(service.endpoint);
  const tag = `request-removing-${Date.now().toString(36)}`;
  await saveService(page, `Removing requests ${tag}`, proxy.url, service.token);
  const { pins, settings } = app.running.host.services;
  const serviceId = settings.get().pins.services.find((one) => one.name === `Removing requests ${tag}`)?.id ?? '';
  const [cid = ''] = await cidsOf(app, [`${tag}\n`]);
  // A name the peer keeps pinned.
  await pins.requestRemote({ cids: [cid], serviceIds: [serviceId], name: `pinned-${tag}` });
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'Remote requests' }).click();
  const row = page
    .getByRole('table', { name: 'Remote pin requests' })
    .getByRole('row', { name: `pinned-${tag} on Removing requests ${tag}` });
  await expect(row.getByRole('cell').nth(3)).toContainText('pinned');

  // The service not done answering the removal yet: the row says so, and Remove waits.
  const removing = proxy.hold('DELETE /pins/*');
  const remove = row.getByRole('button', { name: `Remove ${cid} on Removing requests ${tag}` });
  await remove.click();
  await removing;
  await expect(row.getByRole('cell').nth(3)).toContainText('pinned, removing…');
  await expect(remove).toBeDisabled();
  expect(proxy.seen.filter((seen) => seen.method === 'DELETE')).toHaveLength(1);

  await proxy.stop();
  await pins.removeService(serviceId);
  await service.stop();
});

test('removing a pin request by keyboard gives the focus to the row now in its place', async ({ page, app }) => {
  const service = await startPinningService();
  const tag = `request-focus-${Date.now().toString(36)}`;
  await saveService(page, `Focus requests ${tag}`, service.endpoint, service.token);
  const { pins, settings } = app.running.host.services;
  const serviceId = settings.get().pins.services.find((one) => one.name === `Focus requests ${tag}`)?.id ?? '';
  const cids = await cidsOf(app, [`${tag} a\n`, `${tag} b\n`]);
  await pins.requestRemote({ cids, serviceIds: [serviceId], name: `pinned-${tag}` });
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('navigation', { name: 'Pins views' }).getByRole('button', { name: 'Remote requests' }).click();
  const table = page.getByRole('table', { name: 'Remote pin requests' });
  const rows = table.getByRole('row', { name: `pinned-${tag} on Focus requests ${tag}` });
  await expect(rows).toHaveCount(2);
  // Newest first: b's row, then a's.
  await table.getByRole('button', { name: `Remove ${cids[1] ?? ''} on Focus requests ${tag}` }).press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows).toBeFocused();

  await pins.removeService(serviceId);
  await service.stop();
});

test('pins listed again stay on screen until the new list comes, saying so; one unpinned behind its back goes then, the focus stays', async ({
  page,
  app,
}) => {
  const tag = `relisted-${Date.now().toString(36)}`;
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-pins-'));
  const cids: Record<string, string> = {};
  for (const name of ['a', 'b', 'c']) {
    await writeFile(join(dir, name), `${tag} ${name}\n`);
    cids[name] = (await app.ipfs('add', '-Q', '--pin=false', join(dir, name))).trim();
    await app.ipfs('pin', 'add', '--name', `${tag}-${name}`, cids[name]);
  }
  await rm(dir, { recursive: true, force: true });
  // Main reads the node's pins once a view asks what keeps its rows: what a change behind its back is found against.
  const keptAsked = page.waitForResponse((response) => response.url().endsWith('/invoke/keep.onNode'));
  await views(page).getByRole('button', { name: 'Pins' }).click();
  await page.getByRole('button', { name: 'Refresh pins' }).click();
  await page.getByLabel('Filter by name or CID').fill(tag);
  await page.getByLabel('Sort by').selectOption('name');
  const list = page.getByRole('list', { name: 'Local pins' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await keptAsked;
  const status = page.getByRole('region', { name: 'On this node' }).getByRole('status');
  await expect(status).toHaveText(/ pins, 3 shown$/);
  const unpinB = list.getByRole('button', { name: `Unpin ${tag}-b` });
  await unpinB.focus();

  // What a person would see at each change while the node is asked again: how many rows, and the status.
  await page.evaluate(() => {
    const region = document.querySelector('section[aria-labelledby="local-pins-title"]');
    if (!region) throw new Error('no Local pins section');
    const seen: { rows: number; status: string }[] = [];
    Object.assign(window, { relisting: seen });
    new MutationObserver(() =>
      seen.push({
        rows: region.querySelectorAll('ul[aria-label="Local pins"] > li').length,
        status: region.querySelector('[role="status"]')?.textContent ?? '',
      }),
    ).observe(region, { childList: true, subtree: true, characterData: true });
  });
  // c unpinned by another program; coming back to the window, Cairn finds the change and lists again.
  await app.ipfs('pin', 'rm', cids.c ?? '');
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(status).toHaveText(/ pins, 2 shown$/);
  await expect(unpinB).toBeFocused();
  const seen = await page.evaluate(
    () => (window as unknown as { relisting: { rows: number; status: string }[] }).relisting,
  );
  // Never emptied; the rows of the last listing shown (c among them) while it said they were.
  expect(seen.filter((moment) => moment.rows === 0)).toEqual([]);
  expect(seen.map((moment) => moment.status)).toContain('Listing pins again… showing the last listing until it comes');
  expect(seen.filter((moment) => moment.rows === 3 && !/ 3 shown$|until it comes$/.test(moment.status))).toEqual([]);
});
