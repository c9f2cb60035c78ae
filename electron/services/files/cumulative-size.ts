import type { KuboClient } from '../kubo/kubo-client';
import { refusedAs } from '../kubo/kubo-errors';

/**
 * A DAG's total size (a folder's cumulative size, a file's bytes and its blocks), read from the
 * node's own blocks only; null when they are not all there, so that nothing shows as "0 B" or as
 * a size the node cannot give. Kubo's JSON leaves `Local` out when it is false.
 */
export async function cumulativeSize(kubo: KuboClient, cid: string): Promise<number | null> {
  const found = await kubo
    .call<{ CumulativeSize?: number; Local?: boolean }>(
      'files/stat',
      { arg: `/ipfs/${cid}`, offline: 'true', 'with-local': 'true' },
      { timeoutMs: 30_000 },
    )
    .catch(refusedAs(null));
  return found?.Local === true ? (found.CumulativeSize ?? null) : null;
}
