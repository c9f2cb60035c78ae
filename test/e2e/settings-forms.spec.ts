import type { Locator, Page } from '@playwright/test';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';
import { expect, notices, test } from './fixtures';
import { expectRefusedAt } from './refused-field';

let service: TestPinningService;
test.beforeAll(async () => {
  service = await startPinningService();
});
test.afterAll(async () => {
  await service.stop();
});

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
});

const openRemoteNodeForm = async (page: Page) => {
  await page.getByRole('button', { name: 'Add a remote node' }).click();
  const form = page.getByRole('form', { name: 'Add a remote node' });
  await form.getByLabel('Name').fill('Header probe');
  await form.getByLabel('RPC address').fill('http://127.0.0.1:5001');
  return form;
};

test('a custom header main refuses is refused at its row, not in a notice', async ({ page }) => {
  const form = await openRemoteNodeForm(page);
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  await expectRefusedAt(form.getByLabel('Header 1 name'), '', /^A header name is letters, digits and dashes\.$/);

  await form.getByLabel('Header 1 name').fill('X-Api-Key');
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByLabel('Header 2 name').fill('x-api-key');
  await form.getByRole('button', { name: 'Save' }).click();
  await expectRefusedAt(form.getByLabel('Header 2 name'), 'x-api-key', /^The header x-api-key is named twice\.$/);
  await expect(form.getByLabel('Header 1 name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(notices(page).getByText('header', { exact: false })).toHaveCount(0);

  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Remote nodes' }).getByText('Header probe')).toHaveCount(0);
});

test('a header value holding a control character is refused at its row, naming it', async ({ page }) => {
  const form = await openRemoteNodeForm(page);
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByLabel('Header 1 name').fill('X-Api-Key');
  await form.getByLabel('Header 1 value').fill('key\u0001123');
  await form.getByRole('button', { name: 'Save' }).click();
  await expectRefusedAt(
    form.getByLabel('Header 1 value'),
    'key\u0001123',
    /^A header value cannot hold ⟨U\+0001⟩, a control character: a request cannot carry it in a header\.$/,
  );
  await expect(notices(page).getByText('header', { exact: false })).toHaveCount(0);
  await form.getByRole('button', { name: 'Cancel' }).click();
});

test('the form offers as many header rows as a node takes, and says so at the limit', async ({ page }) => {
  const form = await openRemoteNodeForm(page);
  for (let row = 1; row <= 16; row += 1) {
    await form.getByRole('button', { name: 'Add header' }).click();
    await form.getByLabel(`Header ${row} name`).fill(`X-Header-${row}`);
  }
  await expect(form.getByRole('button', { name: 'Add header' })).toHaveCount(0);
  await expect(form.getByText('A node takes at most 16 custom headers.')).toBeVisible();
  await form.getByRole('button', { name: 'Remove header 16' }).click();
  await expect(form.getByRole('button', { name: 'Add header' })).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();
});

test('a token pasted with spaces and a line break around it is the token', async ({ page }) => {
  await page.getByRole('button', { name: 'Add a pinning service' }).click();
  const form = page.getByRole('form', { name: 'Add a pinning service' });
  await form.getByLabel('Service').selectOption({ label: 'Custom' });
  await form.getByLabel('Name').fill('Pasted token');
  await form.getByLabel('API endpoint').fill(service.endpoint);
  await form.getByLabel('Access token').fill(`  ${service.token}\n`);
  await form.getByRole('button', { name: 'Test' }).click();
  await expect(form.getByRole('status')).toContainText('OK: the service answers and accepts the token.');
  await form.getByRole('button', { name: 'Cancel' }).click();
});

test('a gateway name typed with a hidden character is refused at its field; the gateway added shows in the list', async ({
  page,
}) => {
  const form = page.getByRole('form', { name: 'Add a gateway' });
  await form.getByLabel('Gateway name').fill('Mirror\u202Egw');
  await form.getByLabel('Gateway URL').fill('https://mirror.example');
  await form.getByRole('button', { name: 'Add gateway' }).click();
  await expectRefusedAt(form.getByLabel('Gateway name'), 'Mirror\u202Egw', /^A gateway name cannot hold ⟨U\+202E⟩/);
  await form.getByLabel('Gateway name').fill('Mirror');
  await form.getByRole('button', { name: 'Add gateway' }).click();
  const row = page.getByRole('listitem', { name: 'Mirror', exact: true });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Remove Mirror' }).click();
  await expect(row).toHaveCount(0);
});

test('a Basic user name holding a colon is refused at its field, saying why', async ({ page }) => {
  const form = await openRemoteNodeForm(page);
  await form.getByLabel('Authentication').selectOption('basic');
  await form.getByLabel('User name').fill('alice:admin');
  await form.getByLabel('Password').fill('wonderland');
  await form.getByRole('button', { name: 'Save' }).click();
  await expectRefusedAt(
    form.getByLabel('User name'),
    'alice:admin',
    /^A user name cannot hold “:”: Basic auth ends the user name at the first colon, and reads the rest as the password\.$/,
  );
  await expect(page.getByRole('list', { name: 'Remote nodes' }).getByText('Header probe')).toHaveCount(0);
  await form.getByRole('button', { name: 'Cancel' }).click();
});

/** Removes `name` from `list` with the keyboard; the focus stays in the list, on `then` when named. */
async function removeByKeyboard(list: Locator, name: string, then: string | null) {
  await list
    .getByRole('listitem', { name })
    .getByRole('button', { name: `Remove ${name}` })
    .press('Enter');
  await expect(list.getByRole('listitem', { name })).toHaveCount(0);
  if (then !== null) await expect(list.getByRole('listitem', { name: then })).toBeFocused();
  // The last one gone, the focus is on the row before it, or on the list once empty: never the page's body.
  else await expect.poll(() => list.evaluate((element) => element.contains(document.activeElement))).toBe(true);
}

test('removing a remote node, a pinning service or a gateway keeps the focus in its list', async ({ page }) => {
  const tag = Date.now().toString(36);
  for (const name of [`Node ${tag} a`, `Node ${tag} b`]) {
    await page.getByRole('button', { name: 'Add a remote node' }).click();
    const form = page.getByRole('form', { name: 'Add a remote node' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('RPC address').fill('http://127.0.0.1:5001');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('list', { name: 'Remote nodes' }).getByRole('listitem', { name })).toBeVisible();
  }
  for (const name of [`Pins ${tag} a`, `Pins ${tag} b`]) {
    await page.getByRole('button', { name: 'Add a pinning service' }).click();
    const form = page.getByRole('form', { name: 'Add a pinning service' });
    await form.getByLabel('Service').selectOption('custom');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('API endpoint').fill(service.endpoint);
    await form.getByLabel('Access token').fill(service.token);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('list', { name: 'Pinning services' }).getByRole('listitem', { name })).toBeVisible();
  }
  const addGateway = page.getByRole('form', { name: 'Add a gateway' });
  for (const name of [`Gateway ${tag} a`, `Gateway ${tag} b`]) {
    await addGateway.getByLabel('Gateway name').fill(name);
    await addGateway.getByLabel('Gateway URL').fill(`https://${name.replaceAll(' ', '-').toLowerCase()}.example`);
    await addGateway.getByRole('button', { name: 'Add gateway' }).click();
    await expect(page.getByRole('list', { name: 'Gateways' }).getByRole('listitem', { name })).toBeVisible();
  }

  for (const [list, kind] of [
    ['Remote nodes', 'Node'],
    ['Pinning services', 'Pins'],
    ['Gateways', 'Gateway'],
  ] as const) {
    const rows = page.getByRole('list', { name: list });
    await removeByKeyboard(rows, `${kind} ${tag} a`, `${kind} ${tag} b`);
    await removeByKeyboard(rows, `${kind} ${tag} b`, null);
  }
});
