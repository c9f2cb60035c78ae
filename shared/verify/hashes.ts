import type { CID } from 'multiformats/cid';
import { hashNames } from '../links/cid-names';

/**
 * The hash functions `ipfs add --hash` takes in Kubo 0.43.1, each of which Cairn recomputes a CID
 * with. sha1 is collision-broken, but Kubo adds, fetches and serves it: a match says what it says for
 * Kubo, that these bytes give this CID (whoever made the CID could have made other bytes give it too).
 */
export const RECOMPUTED_HASHES = [
  'sha2-256',
  'sha1',
  'dbl-sha2-256',
  'sha2-512',
  'sha3-224',
  'sha3-256',
  'sha3-384',
  'sha3-512',
  'keccak-256',
  'keccak-512',
  'shake-256',
  // blake2b-160 to blake2b-512, every 8 bits: Kubo refuses shorter ones.
  ...Array.from({ length: 45 }, (_, index) => `blake2b-${160 + 8 * index}`),
  'blake2s-256',
  'blake3',
  'identity',
] as const;

const hashCodes = new Map([...hashNames].map(([code, name]) => [name, code]));

/** A hash function's multihash code, by the name `ipfs add --hash` takes. */
export function hashCodeOf(name: string): number {
  const code = hashCodes.get(name);
  if (code === undefined) throw new Error(`no multihash code for ${name}`);
  return code;
}

/** The name `ipfs add --hash` gives the CID's hash function, when Cairn recomputes with it; null otherwise. */
export function recomputedHashOf(cid: CID): string | null {
  const name = hashNames.get(cid.multihash.code);
  return name !== undefined && (RECOMPUTED_HASHES as readonly string[]).includes(name) ? name : null;
}

/** Digest lengths `ipfs add` writes that a function's name does not end with (in bits). */
const ADDED_BYTES: Record<string, number> = { blake3: 32, sha1: 20, 'shake-256': 64 };

/**
 * How many bytes of digest `ipfs add` writes with this hash function: blake3's default 32,
 * shake-256's 64 (go-multihash's default), every other's whole output (the bits its name ends with);
 * null for identity, which holds the block.
 */
export function addedDigestBytes(name: string): number | null {
  if (name === 'identity') return null;
  return ADDED_BYTES[name] ?? Number(name.slice(name.lastIndexOf('-') + 1)) / 8;
}
