import { startKubo } from '../harness/kubo';
import { runKillRounds } from '../harness/kill-rounds';
import type { BenchResult } from './bench-kit';

/** reliability.kill_rounds: the services killed with SIGKILL mid-upload and mid-pin-request, then restarted. */
export async function benchKillRounds(): Promise<BenchResult[]> {
  const node = await startKubo();
  try {
    const report = await runKillRounds(node, 20);
    return [
      {
        name: 'reliability.kill_rounds',
        value: report.rounds,
        unit: 'rounds',
        better: 'higher',
        target: 20,
        detail: {
          lost: report.lost,
          duplicates: report.duplicates,
          wrong_cids: report.wrongCids,
          uploads_accepted: report.accepted,
        },
      },
    ];
  } finally {
    await node.stop();
  }
}
