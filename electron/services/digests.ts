import { create as createDigest, type Digest } from 'multiformats/hashes/digest';
import { hasherOf, mainLibrary } from './hashers';

const IDENTITY = 0x00;
const BLAKE3 = 0x1e;
// blake2b-8 to blake2b-512 and blake2s-8 to blake2s-256: the code says the digest's length in bytes.
const BLAKE2B_BASE = 0xb200;
const BLAKE2S_BASE = 0xb240;

/** The whole digest's length in bytes of each function Cairn computes, by multihash code, but blake2's. */
const FULL_BYTES: Record<number, number> = {
  0x11: 20,
  0x12: 32,
  0x13: 64,
  0x14: 64,
  0x15: 48,
  0x16: 32,
  0x17: 28,
  0x19: 64,
  0x1a: 28,
  0x1b: 32,
  0x1c: 48,
  0x1d: 64,
  0x56: 32,
};

/** Below this many bytes a digest proves little, and Kubo refuses such CIDs (verifcid's minimum). */
export const MIN_DIGEST_BYTES = 20;
/** blake3 gives any length; Kubo accepts at most this many bytes of it (verifcid's maximum). */
const MAX_BLAKE3_BYTES = 128;

/** How many bytes a hash function gives at most, by multihash code; null for one Cairn cannot compute. */
function fullLengthOf(code: number): number | null {
  if (code === BLAKE3) return MAX_BLAKE3_BYTES;
  if (code > BLAKE2B_BASE && code <= BLAKE2B_BASE + 64) return code - BLAKE2B_BASE;
  if (code > BLAKE2S_BASE && code <= BLAKE2S_BASE + 32) return code - BLAKE2S_BASE;
  return FULL_BYTES[code] ?? null;
}

/** Why a multihash's digest cannot be checked by hashing anything, or null when it can. */
export type DigestProblem =
  | { kind: 'unknown-function' }
  | { kind: 'too-long'; length: number; most: number }
  | { kind: 'too-short'; length: number; least: number };

/**
 * Whether a digest of `length` bytes with this hash function can say anything: a function Cairn
 * cannot compute, a digest longer than the function gives (no bytes can ever match), or one so short
 * that matching it proves little (an empty one matches anything). Identity holds the bytes themselves.
 */
export function digestProblemOf(code: number, length: number): DigestProblem | null {
  if (code === IDENTITY) return null;
  const most = fullLengthOf(code);
  if (most === null) return { kind: 'unknown-function' };
  if (length > most) return { kind: 'too-long', length, most };
  if (length < MIN_DIGEST_BYTES) return { kind: 'too-short', length, least: MIN_DIGEST_BYTES };
  return null;
}

/**
 * The hex digest of these bytes with the CID's hash function, `length` bytes long: blake3's length is
 * free, and a multihash may keep only the first bytes of any other's (`ipfs block put --mhlen`).
 * Null for a function Cairn cannot compute, or a length it cannot give (see digestProblemOf). The bytes may come in parts as they were received:
 * hashed one after the other, never joined.
 */
export function digestOf(code: number, bytes: Uint8Array | readonly Uint8Array[], length = 32): string | null {
  return digestBytesOf(code, bytes, length)?.toString('hex') ?? null;
}

function digestBytesOf(code: number, bytes: Uint8Array | readonly Uint8Array[], length: number): Buffer | null {
  const parts = bytes instanceof Uint8Array ? [bytes] : bytes;
  if (code === IDENTITY) return Buffer.concat(parts);
  if (digestProblemOf(code, length)) return null;
  const hasher = hasherOf(mainLibrary, code, length);
  if (!hasher) return null;
  for (const part of parts) hasher.update(part);
  return Buffer.from(hasher.digest()).subarray(0, length);
}

/** The multihash of a block, `length` bytes of digest (identity: the block); it throws where digestOf gives null. */
export function multihashOf(code: number, block: Uint8Array, length: number): Digest<number, number> {
  const digest = digestBytesOf(code, block, length);
  if (!digest) throw new Error(`Cairn cannot hash with multihash 0x${code.toString(16)} to ${length} bytes`);
  return createDigest(code, digest);
}
