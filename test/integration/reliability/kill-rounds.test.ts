import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKillRounds } from '../../harness/kill-rounds';
import { startKubo, type TestKubo } from '../../harness/kubo';

describe('the services killed with SIGKILL at random moments', () => {
  let node: TestKubo;
  beforeAll(async () => {
    node = await startKubo();
  });
  afterAll(async () => {
    await node.stop();
  });

  it('during folder and file uploads and remote pin requests, 20 times: nothing lost, nothing submitted twice', async () => {
    const report = await runKillRounds(node, 20);
    expect(report.accepted).toBeGreaterThan(0);
    expect(report).toEqual({ rounds: 20, accepted: report.accepted, lost: 0, duplicates: 0, wrongCids: 0 });
  }, 300_000);
});
