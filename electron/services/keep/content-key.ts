import { base58btc } from 'multiformats/bases/base58';
import type { CID } from 'multiformats/cid';
import { parseCid } from '../../../shared/links/content-ref';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const base32Values = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE32.length; i++) base32Values[BASE32.charCodeAt(i)] = i;

/**
 * The key Cairn keeps content by: its multihash, as Kubo's blockstore does. CIDv0, CIDv1 and every
 * multibase of one content give one key; text that is not a CID gives null. The node's sets hold
 * hundreds of thousands of CIDs, nearly all CIDv1 in base32 or CIDv0, so those two are read here
 * directly (a CID object each costs ten times more); any other form goes through multiformats.
 */
export function contentKey(cid: string | CID): string | null {
  if (typeof cid !== 'string') return keyOfMultihash(cid.multihash.bytes);
  if (cid.length === 46 && cid.startsWith('Qm')) return keyOfV0(cid);
  if (cid.startsWith('b')) {
    const bytes = base32Bytes(cid);
    if (bytes) return keyOfV1(bytes);
  }
  try {
    return keyOfMultihash(parseCid(cid).multihash.bytes);
  } catch {
    return null;
  }
}

function keyOfMultihash(multihash: Uint8Array): string {
  return Buffer.from(multihash.buffer, multihash.byteOffset, multihash.byteLength).toString('latin1');
}

function keyOfV0(cid: string): string | null {
  try {
    return keyOfMultihash(base58btc.baseDecode(cid));
  } catch {
    return null;
  }
}

/** A CIDv1's bytes are version, codec, multihash: the two varints skipped leave the multihash. */
function keyOfV1(bytes: Uint8Array): string | null {
  let at = 0;
  for (let varint = 0; varint < 2; varint++) {
    while (at < bytes.length && (bytes[at] ?? 0) & 0x80) at++;
    at++;
  }
  if (bytes[0] !== 1 || at >= bytes.length) return null;
  return keyOfMultihash(bytes.subarray(at));
}

/** RFC 4648 base32, lower case, no padding, after the multibase prefix `b`; null for any other character. */
function base32Bytes(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor(((text.length - 1) * 5) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 1; i < text.length; i++) {
    const digit = text.charCodeAt(i) < 128 ? (base32Values[text.charCodeAt(i)] ?? -1) : -1;
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >>> bits) & 0xff;
    }
  }
  return out;
}
