import { expect, type Page } from '@playwright/test';
import { caller } from '../harness/call';
import type { CairnApp } from './fixtures';

/** Adds a remote node profile in Settings and connects to it in Node, as a person does. */
export async function connectRemote(page: Page, name: string, apiUrl: string): Promise<void> {
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add a remote node' }).click();
  const form = page.getByRole('form', { name: 'Add a remote node' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('RPC address').fill(apiUrl);
  await form.getByRole('button', { name: 'Save' }).click();
  await views.getByRole('button', { name: 'Node' }).click();
  await page.getByLabel('Connected node').selectOption({ label: name });
  await expect(page.getByText(`Remote node “${name}”: running.`)).toBeVisible();
}

/**
 * The embedded node in use again and every remote node profile removed: the app is shared by the
 * spec files of a worker, and a profile left behind is in the next one's list.
 */
export async function forgetRemoteNodes(app: CairnApp): Promise<void> {
  const { call } = caller(app.running.host.dispatcher);
  await call('node.use', { target: 'embedded' });
  const { node } = await call('settings.get', {});
  for (const profile of node.profiles) await call('node.removeProfile', { id: profile.id });
}
