import { createHash } from 'node:crypto';
import { blake2b, blake2s } from '@noble/hashes/blake2.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { keccak_224, keccak_256, keccak_384, keccak_512, shake256 } from '@noble/hashes/sha3.js';
import { create as createDigest, type Digest } from 'multiformats/hashes/digest';

const IDENTITY = 0x00;
const BLAKE3 = 0x1e;
const SHAKE_256 = 0x19;
const DBL_SHA2_256 = 0x56;
/** go-multihash's shake-256 gives 64 bytes (its default, which `ipfs add --hash=shake-256` writes). */
const SHAKE_256_BYTES = 64;
// blake2b-8 to blake2b-512 and blake2s-8 to blake2s-256: the code says the digest's length in bytes.
const BLAKE2B_BASE = 0xb200;
const BLAKE2S_BASE = 0xb240;

/** The hash functions Node has itself, by multihash code. */
const nodeHashes: Record<number, string> = {
  // Collision-broken, but Kubo adds, fetches and serves it (boxo's verifcid allows it): its CIDs are checked as Kubo would.
  0x11: 'sha1',
  0x12: 'sha256',
  0x13: 'sha512',
  0x14: 'sha3-512',
  0x15: 'sha3-384',
  0x16: 'sha3-256',
  0x17: 'sha3-224',
};
const keccaks: Record<number, typeof keccak_256> = {
  0x1a: keccak_224,
  0x1b: keccak_256,
  0x1c: keccak_384,
  0x1d: keccak_512,
};

interface Hasher {
  update(part: Uint8Array): unknown;
  digest(): Uint8Array | Buffer;
}

/** A multihash code's hasher: Node's own, or @noble/hashes for the rest `ipfs add --hash` offers; null for none. */
function hasherFor(code: number, length: number): Hasher | null {
  const algorithm = nodeHashes[code];
  if (algorithm) return createHash(algorithm);
  if (code === BLAKE3) return blake3.create({ dkLen: length });
  if (code === SHAKE_256) return shake256.create({ dkLen: SHAKE_256_BYTES });
  if (code === DBL_SHA2_256) return twiceSha256();
  if (code > BLAKE2B_BASE && code <= BLAKE2B_BASE + 64) return blake2b.create({ dkLen: code - BLAKE2B_BASE });
  if (code > BLAKE2S_BASE && code <= BLAKE2S_BASE + 32) return blake2s.create({ dkLen: code - BLAKE2S_BASE });
  return keccaks[code]?.create() ?? null;
}

/** dbl-sha2-256: sha2-256 of the bytes' sha2-256 digest. */
function twiceSha256(): Hasher {
  const inner = createHash('sha256');
  return {
    update: (part) => inner.update(part),
    digest: () => createHash('sha256').update(inner.digest()).digest(),
  };
}

/** Below this many bytes a digest proves little, and Kubo refuses such CIDs (verifcid's minimum). */
export const MIN_DIGEST_BYTES = 20;
/** blake3 gives any length; Kubo accepts at most this many bytes of it (verifcid's maximum). */
const MAX_BLAKE3_BYTES = 128;

/** How many bytes a hash function gives at most, by multihash code; null for one Cairn cannot compute. */
function fullLengthOf(code: number): number | null {
  const algorithm = nodeHashes[code];
  if (algorithm) return createHash(algorithm).digest().length;
  if (code === BLAKE3) return MAX_BLAKE3_BYTES;
  if (code === SHAKE_256) return SHAKE_256_BYTES;
  if (code === DBL_SHA2_256) return 32;
  if (code > BLAKE2B_BASE && code <= BLAKE2B_BASE + 64) return code - BLAKE2B_BASE;
  if (code > BLAKE2S_BASE && code <= BLAKE2S_BASE + 32) return code - BLAKE2S_BASE;
  const keccak = keccaks[code];
  return keccak ? keccak.outputLen : null;
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
  const hasher = hasherFor(code, length);
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
