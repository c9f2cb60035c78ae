import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { caller } from '../harness/call';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';
import { expect, test } from './fixtures';
import { expectRefusedAt } from './refused-field';

let other: TestKubo;
let service: TestPinningService;

test.beforeAll(async () => {
  [other, service] = await Promise.all([startKubo(), startPinningService()]);
});
test.afterAll(async () => {
  await Promise.all([other.stop(), service.stop()]);
});

test('asks for the token to register a service with a remote node in use, and gives it only that', async ({
  page,
  app,
}) => {
  const { call } = caller(app.running.host.dispatcher);
  const saved = await call('pins.saveService', {
    service: { name: 'Alpha pins', preset: 'custom', endpoint: service.endpoint, token: service.token },
  });
  const { node } = await call('node.saveProfile', {
    profile: { name: 'Other node', url: other.apiUrl, auth: 'none', username: '', secret: '', headers: [] },
  });
  // By its name: profiles other spec files of this worker saved may come before it.
  const profileId = node.profiles.find((profile) => profile.name === 'Other node')?.id ?? '';
  await call('node.use', { target: profileId });
  const otherConfig = () => readFile(join(other.repoPath, 'config'), 'utf8');

  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: 'Also in Kubo for Alpha pins' }).click();
  const form = page.getByRole('form', { name: 'Register Alpha pins with the node in use' });
  await expect(form.getByLabel('Access token for Alpha pins')).toHaveAccessibleDescription(/type it again here/);
  expect(await otherConfig()).not.toContain(service.token);

  const tooLong = 'x'.repeat(8193);
  await form.getByLabel('Access token for Alpha pins').fill(tooLong);
  await form.getByRole('button', { name: 'Register' }).click();
  await expectRefusedAt(
    form.getByLabel('Access token for Alpha pins'),
    tooLong,
    /An access token is at most 8192 characters\.$/,
  );
  await form.getByLabel('Access token for Alpha pins').fill(service.token);
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form).toBeHidden();
  const entry = page.getByRole('list', { name: 'Pinning services' }).getByRole('listitem', { name: 'Alpha pins' });
  await expect(entry).toContainText('registered with Kubo as cairn-Alpha-pins-');
  await expect(page.getByRole('checkbox', { name: 'Also in Kubo for Alpha pins' })).toBeChecked();
  expect(await otherConfig()).toContain(service.token);

  // The app is shared by the spec files of this worker: it is left as it was found.
  await call('node.use', { target: 'embedded' });
  await call('node.removeProfile', { id: profileId });
  const { pins } = await call('pins.removeService', { id: saved.pins.services[0]?.id ?? '' });
  expect(pins.services).toEqual([]);
});
