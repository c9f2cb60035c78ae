import { quoted } from '../hidden-characters';
import type { CID } from 'multiformats/cid';
import { hashNames } from './cid-names';

/**
 * Why Kubo refuses a CID that parses: it will not fetch, store, pin or serve it (boxo's verifcid, in
 * Kubo 0.43.1). Any link or request made from one only brings back Kubo's error.
 */
export type CidRefusal =
  | { refusal: 'insecure-hash'; hash: string }
  | { refusal: 'digest-too-small'; hash: string; size: number }
  | { refusal: 'digest-too-large'; hash: string; size: number };

const IDENTITY = 0x0;
const MIN_DIGEST = 20;
/** The longest digest Kubo takes, of any hash function: for identity, the content the CID holds. */
const MAX_DIGEST = 128;

/**
 * The hash functions Kubo accepts besides identity: sha1, sha2-256/512, sha3, shake-256, keccak,
 * blake3, dbl-sha2-256, and blake2b/blake2s of 160 bits and more. Every other one it calls potentially insecure.
 */
const ACCEPTED = new Set([0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x56]);
const BLAKE2B_160_TO_512 = [0xb214, 0xb240];
const BLAKE2S_160_TO_256 = [0xb254, 0xb260];

function accepted(code: number): boolean {
  const within = ([low = 0, high = 0]: number[]) => code >= low && code <= high;
  return ACCEPTED.has(code) || within(BLAKE2B_160_TO_512) || within(BLAKE2S_160_TO_256);
}

export function kuboRefusal(cid: CID): CidRefusal | null {
  const { code, size } = cid.multihash;
  const hash = hashNames.get(code) ?? `hash?${code}`;
  if (!accepted(code) && code !== IDENTITY) return { refusal: 'insecure-hash', hash };
  if (size > MAX_DIGEST) return { refusal: 'digest-too-large', hash, size };
  return size < MIN_DIGEST && code !== IDENTITY ? { refusal: 'digest-too-small', hash, size } : null;
}

/** The sentence a person reads about a refused CID, in Share and Inspect and for main's VALIDATION error. */
export function refusalWords(input: string, refusal: CidRefusal): string {
  const refused = (why: string) =>
    `${quoted(input)} ${why}: no node fetches, pins or serves it, so no link to it opens.`;
  switch (refusal.refusal) {
    case 'insecure-hash':
      return refused(`is hashed with ${refusal.hash}, which IPFS nodes refuse as insecure`);
    case 'digest-too-small':
      return refused(
        `has a ${refusal.hash} hash of ${refusal.size} bytes, and IPFS nodes refuse any under ${MIN_DIGEST}`,
      );
    case 'digest-too-large':
      return refused(
        refusal.hash === 'identity'
          ? `holds ${refusal.size} bytes of content in the CID itself, and IPFS nodes refuse more than ${MAX_DIGEST}`
          : `has a ${refusal.hash} hash of ${refusal.size} bytes, and IPFS nodes refuse any over ${MAX_DIGEST}`,
      );
  }
}
