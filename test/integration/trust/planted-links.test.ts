import { mkdir, mkdtemp, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../../harness/call';
import { startTestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';

// A folder of the data folder that Cairn cleans (upload-staging: copies no upload names go at
// every start) is a place Cairn deletes in. A symbolic link planted there must not lead it to
// delete, or write, in the folder the link points to.
describe('a symbolic link planted in place of upload-staging', () => {
  let node: TestKubo;
  let outside: string;
  beforeAll(async () => {
    node = await startKubo();
    outside = await mkdtemp(join(tmpdir(), 'cairn-outside-'));
  });
  afterAll(async () => {
    await node.stop();
    await rm(outside, { recursive: true, force: true });
  });

  it('is set aside unfollowed: the folder it points to keeps all it holds, and the user is told', async () => {
    await mkdir(join(outside, 'photos'));
    await writeFile(join(outside, 'photos', 'holiday.jpg'), 'precious');
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-planted-'));
    await symlink(outside, join(dataDir, 'upload-staging'));

    const host = await startTestHost(node, { dataDir });
    try {
      expect((await caller(host.dispatcher).call('node.status', {})).state).toBe('running');
      expect(await readdir(outside)).toEqual(['photos']);
      expect(await readdir(join(outside, 'photos'))).toEqual(['holiday.jpg']);
      const problems = await caller(host.dispatcher).call('storage.problems', {});
      expect(problems).toMatchObject([
        {
          kind: 'unreadable',
          file: 'upload-staging',
          reason: expect.stringMatching(/symbolic link/) as string,
          found: { thing: 'link', place: 'folder' },
        },
      ]);
      const [problem] = problems;
      const aside = problem?.kind === 'unreadable' ? (problem.aside ?? '') : '';
      // The link itself went aside, still pointing where it did.
      expect(await readlink(aside)).toBe(outside);
    } finally {
      await host.stop();
    }
  });
});
