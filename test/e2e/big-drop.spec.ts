import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_SOURCES_PER_ENQUEUE } from '../../shared/ipc/limits';
import { dropFromDisk } from './drop-files';
import { expect, notices, test } from './fixtures';

/**
 * Ten times more files than one enqueue request takes, each its own upload through the queue and
 * linked into one Files folder of thousands of entries, whose flushes the links share (3 minutes on
 * two cores; 8 while each link flushed the folder). CAIRN_E2E_DROP_FILES=1200 for a quick run while
 * working on it.
 */
const FILES = Number(process.env.CAIRN_E2E_DROP_FILES ?? 10_000);
const name = (i: number) => `many-${String(i).padStart(5, '0')}.txt`;

test(`a drop of ${FILES} separate files lands them all, a batch that failed to queue included, by Retry`, async ({
  page,
  app,
}) => {
  // Bounded by the count of files, not by the clock.
  test.setTimeout(Math.max(120_000, FILES * 100));
  const dir = await mkdtemp(join(tmpdir(), 'cairn-e2e-many-'));
  const paths = Array.from({ length: FILES }, (_, i) => join(dir, name(i)));
  for (const [i, path] of paths.entries()) await writeFile(path, `dropped file ${i}\n`);
  await page.goto(app.url);
  await expect(page.getByRole('status', { name: 'Node running' })).toBeVisible();
  // The second request to the queue is lost on the way, as a bridge that went away would lose it.
  let enqueues = 0;
  await page.route('**/__cairn/invoke/uploads.enqueue', (route) =>
    ++enqueues === 2 ? route.abort('connectionreset') : route.continue(),
  );
  const lost = Math.min(MAX_SOURCES_PER_ENQUEUE, FILES - MAX_SOURCES_PER_ENQUEUE);

  // Every spec file shares one app: the dropped files leave Files afterwards, whatever happens.
  try {
    await dropAndRetry();
  } finally {
    await rm(dir, { recursive: true, force: true });
    const left = (await app.ipfs('files', 'ls', '/')).split('\n').filter((entry) => entry.startsWith('many-'));
    // A few hundred per call: Kubo's CLI refuses ten thousand arguments at once.
    for (let at = 0; at < left.length; at += 500) {
      await app.ipfs('files', 'rm', ...left.slice(at, at + 500).map((entry) => `/${entry}`));
    }
  }

  async function dropAndRetry(): Promise<void> {
    await dropFromDisk(page, paths);

    const failed = notices(page)
      .getByRole('listitem')
      .filter({ hasText: `Could not queue ${lost} uploads` });
    await expect(failed).toBeVisible({ timeout: test.info().timeout });
    await expect(page.getByText(`${FILES - lost} done`, { exact: true })).toBeVisible({ timeout: test.info().timeout });
    await failed.getByRole('button', { name: 'Retry queuing' }).click();
    await expect(page.getByText(`${FILES} done`, { exact: true })).toBeVisible({ timeout: test.info().timeout });
    expect(enqueues).toBe(Math.ceil(FILES / MAX_SOURCES_PER_ENQUEUE) + 1);

    // In Files (as Kubo lists it) under their names, each with the CID Kubo gives the same bytes.
    const inFiles = new Map(
      (await app.ipfs('files', 'ls', '-l', '/'))
        .split('\n')
        .filter((entry) => entry.startsWith('many-'))
        .map((entry) => entry.split('\t').slice(0, 2) as [string, string]),
    );
    const expected = new Map<string, string>();
    for (const line of (await app.ipfs('add', '-r', '--only-hash', dir)).split('\n')) {
      const [, cid, file] = /^added (\S+) .*\/(many-\d+\.txt)$/.exec(line) ?? [];
      if (cid && file) expected.set(file, cid);
    }
    expect(expected.size).toBe(FILES);
    expect(inFiles).toEqual(expected);
  }
});
