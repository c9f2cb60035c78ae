import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';

/** Distinct, valid CIDs for tests that only name content (a pinning service never fetches it here). */
export async function someCids(count: number, seed = 'cairn'): Promise<string[]> {
  const cids: string[] = [];
  for (let i = 0; i < count; i++) {
    cids.push(CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode(`${seed}-${i}`))).toString());
  }
  return cids;
}
