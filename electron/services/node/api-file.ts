import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isLoopback } from '../../../shared/links/loopback';
import { multiaddrToHttpUrl } from '../../../shared/multiaddr-url';
import { createKuboClient } from '../kubo/kubo-client';

export type ApiFileState =
  | { kind: 'absent' }
  | { kind: 'live'; apiUrl: string }
  | { kind: 'stale'; apiUrl: string }
  /** Something answers there, but not as a Kubo we can use (auth, or another program): left alone. */
  | { kind: 'foreign'; apiUrl: string; status: number }
  /** Another machine: never dialed, never Cairn's own node, left alone. */
  | { kind: 'elsewhere'; apiUrl: string };

const PROBE_TIMEOUT_MS = 2_000;

/**
 * A running daemon writes `$IPFS_PATH/api`; a crashed one leaves it behind. If something answers
 * there as Kubo, that daemon is reused; if nothing does, the file is stale and is removed so that
 * Kubo's CLI and our start do not trip over it. A reused daemon is the embedded node, which is given
 * what a remote node is not (stored tokens): only one on this computer can be that.
 */
export async function checkApiFile(repoPath: string): Promise<ApiFileState> {
  const file = join(repoPath, 'api');
  let address: string;
  try {
    address = await readFile(file, 'utf8');
  } catch {
    return { kind: 'absent' };
  }
  let apiUrl: string;
  try {
    apiUrl = multiaddrToHttpUrl(address);
  } catch {
    await rm(file, { force: true });
    return { kind: 'stale', apiUrl: address.trim() };
  }
  if (!isLoopback(new URL(apiUrl).hostname)) return { kind: 'elsewhere', apiUrl };
  const answer = await probe(apiUrl);
  if (answer === 'kubo') return { kind: 'live', apiUrl };
  if (answer === 'silent') {
    await rm(file, { force: true });
    return { kind: 'stale', apiUrl };
  }
  return { kind: 'foreign', apiUrl, status: answer };
}

/** 'kubo', 'silent' (nothing listens), or the HTTP status of whatever else answered. */
async function probe(apiUrl: string): Promise<'kubo' | 'silent' | number> {
  const found = await createKuboClient({ url: apiUrl, headers: {} }).probe(PROBE_TIMEOUT_MS);
  return found.answer === 'kubo' ? 'kubo' : found.answer === 'none' ? 'silent' : found.status;
}
