import { importBigFolder } from '../harness/big-folder';
import { caller } from '../harness/call';
import { startTestHost } from '../harness/host';
import { startKubo } from '../harness/kubo';
import { median, timed, type BenchResult } from './bench-kit';

const ENTRIES = 10_000;

/**
 * keep.status_10k: what keeps each entry of a 10,000-entry Files folder that is also pinned (so
 * every row is inside a pin), answered for all rows at once through the `keep.rows` handler, from
 * a cold start (the service has just been told of a change, so it reads the node's sets again).
 * Baseline in detail: `ipfs pin ls --type=indirect` on the same node, the walk that answer needs.
 */
export async function benchKeepStatus(quick: boolean): Promise<BenchResult[]> {
  const rounds = quick ? 2 : 5;
  const node = await startKubo({ inMemory: true });
  try {
    const host = await startTestHost(node);
    try {
      await host.services.node.start();
      const folder = await importBigFolder(node.apiUrl, ENTRIES);
      await node.ipfs('files', 'cp', `/ipfs/${folder}`, '/big');
      await node.ipfs('pin', 'add', folder);
      const cids = (await node.ipfs('ls', '--size=false', '--resolve-type=false', folder))
        .trim()
        .split('\n')
        .map((line) => line.split(' ')[0] ?? '');
      if (cids.length !== ENTRIES) throw new Error(`listed ${cids.length} entries of ${ENTRIES}`);

      const api = caller(host.dispatcher);
      const cold: number[] = [];
      const warm: number[] = [];
      const cli: number[] = [];
      let inside = 0;
      for (let round = 0; round < rounds; round++) {
        host.services.keep.changed();
        cold.push(
          (await timed(async () => {
            const answer = await api.call('keep.rows', { cids });
            inside = Object.values(answer).filter(({ keep }) => keep === 'indirect').length;
          })) * 1000,
        );
        warm.push((await timed(() => api.call('keep.rows', { cids }))) * 1000);
        cli.push((await timed(() => node.ipfs('pin', 'ls', '--type=indirect'))) * 1000);
      }
      if (inside !== ENTRIES) throw new Error(`${inside} of ${ENTRIES} rows said inside a pin`);
      return [
        {
          name: 'keep.status_10k',
          value: Math.round(median(cold)),
          unit: 'ms',
          better: 'lower',
          target: 500,
          detail: {
            entries: ENTRIES,
            rounds,
            cold_rounds_ms: cold.map(Math.round).join(' '),
            warm_ms: Math.round(median(warm)),
            baseline_ms: Math.round(median(cli)),
            baseline: 'ipfs pin ls --type=indirect (CLI on the same node)',
            measured: 'keep.rows for every entry, from a cold service, through the IPC handler',
          },
        },
      ];
    } finally {
      await host.stop();
    }
  } finally {
    await node.stop();
  }
}
