import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';
import { deleteBlockFiles } from '../harness/damaged-blocks';
import { startKubo, type TestKubo } from '../harness/kubo';

// Kubo says in a trailer, after the lines it sent, that it stopped partway: a streamed read must
// not take what came before for the whole answer.
describe('streamed Kubo answers', () => {
  let node: TestKubo;

  beforeAll(async () => {
    node = await startKubo({ inMemory: true });
  });
  afterAll(async () => {
    await node.stop();
  });

  it('fails a listing Kubo stopped at a block the node lacks, after the rows it sent', async () => {
    let root = '';
    let lost = '';
    for await (const entry of node.client.addAll(
      [
        { path: 'cut/a/a.txt', content: 'listed before the hole\n' },
        { path: 'cut/b/b.txt', content: 'below the hole\n' },
      ],
      { pin: true, cidVersion: 1 },
    )) {
      if (entry.path === 'cut') root = entry.cid.toString();
      if (entry.path === 'cut/b') lost = entry.cid.toString();
    }
    await deleteBlockFiles(node.repoPath, [lost]);
    const kubo = createKuboClient({ url: node.apiUrl, headers: {} });

    const rows: string[] = [];
    const listing = (async () => {
      for await (const { Cid } of kubo.lines<{ Cid: string }>('pin/ls', { type: 'indirect', stream: 'true' })) {
        rows.push(Cid);
      }
    })();
    await expect(listing).rejects.toMatchObject({ message: expect.stringMatching(/not found locally/) as unknown });
    expect(rows.length).toBeGreaterThan(0);
    await node.ipfs('pin', 'rm', root);
  });
});
