import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';
import { expect, notices, startCairnApp, test, type StartedApp } from './fixtures';
import { focusRingProblems, layoutProblems, unnamedControls } from './layout-checks';
import { expectRefusedAt } from './refused-field';
import { fileRow } from '../harness/file-rows';

// The states layout.spec.ts and layout-states.spec.ts do not reach, on an app of this file's own (its
// views start empty): every view empty, the node starting and failed, forms with their errors, Settings
// with long values, uploads in every state, the garbage collection dialog, Verify's answer, and the
// focus ring of every view's controls. Each state is checked in both themes, at both sizes.
const sizes = [
  { width: 1280, height: 800 },
  { width: 900, height: 650 },
] as const;
const themes = ['light', 'dark'] as const;
const views = ['Files', 'Pins', 'Share', 'Names', 'Verify', 'Node', 'Settings'] as const;

const LONG_WORD = `the_folder_of_a_kubo_build_kept_beside_the_research_groups_archive_${'x'.repeat(60)}`;
// Nothing dials it: `.localhost` is loopback by definition, and no check of it is asked for.
const LONG_GATEWAY = `http://${'gateway-of-the-research-group-archive-'.repeat(3)}eu.localhost:8080`;
const OTHER_CID = 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e';

let app: StartedApp;
let service: TestPinningService;
let scratch: string;
test.beforeAll(async () => {
  [app, service] = await Promise.all([startCairnApp(), startPinningService()]);
  scratch = await mkdtemp(join(tmpdir(), 'cairn-e2e-layout-more-'));
});
test.afterAll(async () => {
  await Promise.all([app.stop(), service.stop()]);
  await rm(scratch, { recursive: true, force: true });
});
test.beforeEach(async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
});

const go = (page: Page, view: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true }).click();

/** The problems of what is on screen, in both themes and at both sizes; a screenshot of each theme at 900 px. */
async function probe(page: Page, state: string): Promise<string[]> {
  const problems = (await unnamedControls(page)).map((problem) => `${state}: ${problem}`);
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    for (const size of sizes) {
      await page.setViewportSize(size);
      problems.push(
        ...(await layoutProblems(page)).map((problem) => `${state}, ${theme}, ${size.width} px: ${problem}`),
      );
    }
    const name = state.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-');
    await page.screenshot({ path: `out/screenshots/more-${name}-${theme}-900.png` });
  }
  return problems;
}

test("every view empty, and the focus ring of each view's controls", async ({ page }) => {
  const problems: string[] = [];
  for (const view of views) {
    await go(page, view);
    await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
    if (view === 'Pins') {
      // Kubo's init pins its empty folder: the one pin is listed as one, then unpinned, none.
      await expect(page.getByRole('status').filter({ hasText: /^1 pins?$/ })).toHaveText('1 pin');
      for (const cid of (await app.ipfs('pin', 'ls', '--quiet', '--type=recursive')).trim().split('\n'))
        await app.ipfs('pin', 'rm', cid);
      await page.getByRole('button', { name: 'Refresh pins' }).click();
      await expect(page.getByText('No pins on this node yet.')).toBeVisible();
    }
    problems.push(...(await probe(page, `${view}, empty`)));
    if (view === 'Pins') {
      const parts = page.getByRole('navigation', { name: 'Pins views' });
      for (const part of ['Remote requests', 'On services', 'Redundancy'] as const) {
        await parts.getByRole('button', { name: part }).click();
        await expect(parts.getByRole('button', { name: part })).toHaveAttribute('aria-pressed', 'true');
        problems.push(...(await probe(page, `Pins, ${part}, empty`)));
      }
      await parts.getByRole('button', { name: 'On this node' }).click();
    }
  }
  // From each view's heading, by keyboard through its first controls: each ring shows, in both themes.
  await page.setViewportSize(sizes[0]);
  for (const view of views) {
    await go(page, view);
    await page.getByRole('heading', { level: 1, name: view }).click();
    problems.push(...(await focusRingProblems(page, 12)).map((problem) => `${view}, focus: ${problem}`));
  }
  expect(problems).toEqual([]);
});

/**
 * Kubo behind a gate, in a folder with a long name: `ipfs daemon` waits for a line written to the
 * gate, then runs on "go" and fails with the line as its error otherwise. Gives the path to use.
 */
async function gatedKubo(): Promise<{ binary: string; open(line: string): Promise<void> }> {
  const folder = join(scratch, LONG_WORD, 'bin');
  await mkdir(folder, { recursive: true });
  const gate = join(folder, 'gate');
  execFileSync('mkfifo', [gate]);
  const binary = join(folder, 'ipfs');
  const real = process.env.KUBO_BINARY ?? '';
  await writeFile(
    binary,
    [
      '#!/bin/sh',
      'if [ "$1" = daemon ]; then',
      `  read -r word < '${gate}'`,
      '  if [ "$word" != go ]; then echo "$word" >&2; exit 1; fi',
      'fi',
      `exec '${real}' "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(binary, 0o755);
  return { binary, open: (line) => writeFile(gate, `${line}\n`) };
}

test('the node starting and failed, Settings with long values, forms with their errors', async ({ page }) => {
  const problems: string[] = [];
  const kubo = await gatedKubo();
  const { settings } = app.running.host.services;
  await settings.change((current) => ({ ...current, node: { ...current.node, kuboBinary: kubo.binary } }));

  // Settings with a long Kubo binary path and a long gateway URL.
  await go(page, 'Settings');
  const addGateway = page.getByRole('form', { name: 'Add a gateway' });
  await addGateway.getByLabel('Gateway name').fill('Research archive');
  await addGateway.getByLabel('Gateway URL').fill('https://dweb.link/ipfs/');
  await addGateway.getByRole('button', { name: 'Add gateway' }).click();
  await expectRefusedAt(
    addGateway.getByLabel('Gateway URL'),
    'https://dweb.link/ipfs/',
    /^A gateway is an origin such as https:\/\/dweb\.link, without a path or credentials\.$/,
  );
  await expect(addGateway.getByLabel('Gateway name')).toHaveValue('Research archive');
  await addGateway.getByLabel('Gateway URL').fill(LONG_GATEWAY);
  await addGateway.getByRole('button', { name: 'Add gateway' }).click();
  await expect(
    page.getByRole('list', { name: 'Gateways' }).getByRole('listitem', { name: 'Research archive' }),
  ).toBeVisible();
  await expect(page.getByText(kubo.binary)).toBeVisible();
  problems.push(...(await probe(page, 'Settings, long values')));

  // The remote-node form: an address nothing answers on, then one that is no address.
  await page.getByRole('button', { name: 'Add a remote node' }).click();
  const node = page.getByRole('form', { name: 'Add a remote node' });
  await node.getByLabel('Name').fill('Lab node');
  await node.getByLabel('RPC address').fill(`http://127.0.0.1:9/${LONG_WORD}`);
  await node.getByRole('button', { name: 'Add header' }).click();
  await node.getByLabel('Header 1 name').fill('X-Research-Group');
  await node.getByLabel('Header 1 value').fill(LONG_WORD);
  await node.getByRole('button', { name: 'Test connection' }).click();
  await expect(node.getByRole('alert')).toBeVisible();
  await node.getByText('Details', { exact: true }).click();
  problems.push(...(await probe(page, 'Remote node form, unreachable')));
  await node.getByLabel('RPC address').fill(LONG_WORD);
  await node.getByRole('button', { name: 'Remove header 1' }).click();
  await node.getByRole('button', { name: 'Save' }).click();
  // Refused at its field, with the reason under it.
  await expect(node.getByLabel('RPC address')).toHaveAttribute('aria-invalid', 'true');
  problems.push(...(await probe(page, 'Remote node form, refused')));
  await node.getByRole('button', { name: 'Cancel' }).click();

  // The pinning-service form: a real service refusing a wrong token, then an endpoint that is no URL.
  await page.getByRole('button', { name: 'Add a pinning service' }).click();
  const form = page.getByRole('form', { name: 'Add a pinning service' });
  await form.getByLabel('Service').selectOption({ label: 'Custom' });
  await form.getByLabel('Name').fill(LONG_WORD);
  await form.getByLabel('API endpoint').fill(service.endpoint);
  await form.getByLabel('Access token').fill(`not-the-token-${LONG_WORD}`);
  await form.getByRole('button', { name: 'Test' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await form.getByText('Details', { exact: true }).click();
  problems.push(...(await probe(page, 'Service form, refused token')));
  await form.getByLabel('API endpoint').fill(`ftp://${LONG_WORD}`);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('API endpoint')).toHaveAttribute('aria-invalid', 'true');
  problems.push(...(await probe(page, 'Service form, invalid endpoint')));
  await form.getByRole('button', { name: 'Cancel' }).click();
  while ((await notices(page).getByRole('listitem').count()) > 0)
    await notices(page).getByRole('listitem').first().getByRole('button', { name: 'Dismiss notification' }).click();

  // The node starting (its daemon held at the gate), then failed with Kubo's long error, then running.
  await go(page, 'Node');
  await page.getByRole('button', { name: 'Restart node' }).click();
  await expect(page.getByRole('status', { name: 'Node starting' })).toBeVisible();
  problems.push(...(await probe(page, 'Node starting')));
  await kubo.open(`Error: could not open the repo at ${join(scratch, LONG_WORD)}: ${'a reason, '.repeat(20)}`);
  const problem = page.getByRole('alert', { name: 'Node problem' });
  await expect(problem).toBeVisible();
  await problem.getByText('Details', { exact: true }).click();
  problems.push(...(await probe(page, 'Node failed')));
  await page.getByRole('button', { name: 'Restart node' }).click();
  await expect(page.getByRole('status', { name: 'Node starting' })).toBeVisible();
  await kubo.open('go');
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Node facts' })).toContainText(kubo.binary);
  problems.push(...(await probe(page, 'Node running, long binary path')));
  expect(problems).toEqual([]);
});

test('upload rows in every state, the garbage collection dialog, and a long Verify answer', async ({ page }) => {
  const problems: string[] = [];
  // Three sparse files of 4 GiB, enqueued as the desktop app's picker gives them: two add, one waits.
  const exports = join(app.dataDir, 'exports');
  await mkdir(exports, { recursive: true });
  const names = [1, 2, 3].map((index) => `${LONG_WORD} ${index}.bin`);
  for (const name of names) {
    const handle = await open(join(exports, name), 'w');
    await handle.truncate(4 * 1024 * 1024 * 1024);
    await handle.close();
  }
  await go(page, 'Files');
  await page.evaluate(async () => {
    const settings = await window.cairn?.invoke('settings.get', {});
    const chosen = await window.cairn?.invoke('files.choose', { kind: 'files', multiple: true });
    if (!settings?.ok || !chosen?.ok) throw new Error('no settings or no dialog');
    await window.cairn?.invoke('uploads.enqueue', {
      folder: '/',
      sources: chosen.data.map(({ grant }) => ({ kind: 'grant' as const, grant })),
      options: settings.data.uploads,
    });
  });
  // And one that fails, with a long error and its Details open.
  await page.getByRole('button', { name: 'Import by CID' }).click();
  const importForm = page.getByRole('form', { name: 'Import by CID' });
  await importForm.getByRole('textbox', { name: 'CID, /ipfs/ path or ipfs:// link' }).fill(`/ipfs/${LONG_WORD}`);
  await importForm.getByRole('button', { name: 'Import' }).click();
  const uploads = page.getByRole('list', { name: 'Uploads' });
  const failed = uploads.getByRole('listitem').filter({ hasText: 'is not a CID' });
  await failed.getByText('Details', { exact: true }).click();
  await expect(failed.getByText('Code: VALIDATION')).toBeVisible();
  const row = (name: string) => uploads.getByRole('listitem', { name, exact: true });
  const [first = '', second = '', third = ''] = names;
  await expect(row(third).getByText('Waiting')).toBeVisible();
  for (const name of [first, second]) await expect(row(name).getByRole('progressbar')).toBeVisible();
  problems.push(...(await probe(page, 'Uploads queued, adding and failed')));
  for (const name of [third, first, second]) await page.getByRole('button', { name: `Cancel adding ${name}` }).click();
  for (const name of names) await expect(row(name).getByText('Cancelled')).toBeVisible();
  problems.push(...(await probe(page, 'Uploads cancelled')));

  await go(page, 'Node');
  await page.getByRole('button', { name: 'Collect garbage…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Collect garbage?' });
  await expect(dialog).toBeVisible();
  problems.push(...(await probe(page, 'Garbage collection dialog')));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Collect garbage…' })).toBeFocused();

  // Verify: a file with a long name against a CID it does not match: the settings tried, their CIDs.
  await go(page, 'Verify');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles({ name: `${LONG_WORD}.txt`, mimeType: 'text/plain', buffer: Buffer.from('letter\n') });
  await page.getByLabel('Expected CID').fill(OTHER_CID);
  await page.getByRole('button', { name: 'Check against the CID' }).click();
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('No match.');
  await expect(page.getByRole('table', { name: 'Settings tried' })).toBeVisible();
  problems.push(...(await probe(page, 'Verify, no match')));
  expect(problems).toEqual([]);
});

// Names as long as a file system takes (255 bytes, nowhere to break), and an IPNS key named past any column.
const NAME_255 = `${'n'.repeat(251)}.pdf`;
const LONG_KEY = `research-group-archive-${'k'.repeat(100)}`;

test('names of 255 bytes in Files and a long key in Names; a dialog keeps the focus and gives it back', async ({
  page,
}) => {
  const problems: string[] = [];
  await app.ipfs('files', 'mkdir', '-p', `/${NAME_255}/${NAME_255}`);
  await app.ipfs('key', 'gen', LONG_KEY);
  await go(page, 'Files');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await fileRow(page, NAME_255).dblclick();
  const inner = fileRow(page, NAME_255, `/${NAME_255}`);
  await inner.click();
  problems.push(...(await probe(page, 'Files, a 255-byte folder open')));

  // Rename by keyboard (F2 on the list): Tab stays in the dialog, Escape gives the focus back to the list.
  const grid = page.getByRole('grid', { name: `Files in /${NAME_255}` });
  await expect(grid).toBeFocused();
  await page.keyboard.press('F2');
  const rename = page.getByRole('dialog', { name: `Rename “${NAME_255}”` });
  await expect(rename).toBeVisible();
  problems.push(...(await probe(page, 'Rename dialog, 255-byte name')));
  for (let step = 0; step < 6; step += 1) {
    await page.keyboard.press('Tab');
    if (!(await rename.evaluate((dialog) => dialog.contains(document.activeElement))))
      problems.push(`Rename dialog: Tab ${step + 1} left the dialog`);
  }
  await page.keyboard.press('Escape');
  await expect(rename).toHaveCount(0);
  await expect(grid).toBeFocused();

  await go(page, 'Names');
  const key = page.getByRole('list', { name: 'Keys' }).getByRole('listitem', { name: LONG_KEY });
  await key.getByRole('button', { name: `Links for ${LONG_KEY}` }).click();
  await expect(key.getByRole('list', { name: `Links for ${LONG_KEY}` })).toBeVisible();
  problems.push(...(await probe(page, 'Names, a long key with its links')));
  expect(problems).toEqual([]);
});
