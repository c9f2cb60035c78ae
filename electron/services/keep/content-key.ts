import { base58btc } from 'multiformats/bases/base58';
import type { CID } from 'multiformats/cid';
import { parseCid } from '../../../shared/links/content-ref';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const base32Values = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE32.length; i++) base32Values[BASE32.charCodeAt(i)] = i;

/**
 * The key Cairn keeps content by: its codec and multihash, as Kubo's collector walks DAGs (CIDv0 read
 * as CIDv1). CIDv0, CIDv1 and every multibase of one content give one key; a raw CID of a folder's
 * hash names that one block, not the folder, and gets another key. Text that is not a CID gives null.
 * The node's sets hold hundreds of thousands of CIDs, nearly all CIDv1 in base32 or CIDv0, so those
 * two are read here directly (a CID object each costs ten times more); any other form goes through
 * multiformats.
 */
export function contentKey(cid: string | CID): string | null {
  if (typeof cid !== 'string') return keyOf(cid.code, cid.multihash.bytes);
  // Read directly only when whole: anything else (a CIDv0 in base32, bciq…, which Kubo reads as that
  // CIDv0; a CID cut short, which is none) is for multiformats to read or refuse.
  const direct =
    cid.length === 46 && cid.startsWith('Qm') ? keyOfV0(cid) : cid.startsWith('b') ? keyOfBase32(cid) : null;
  if (direct) return direct;
  try {
    const parsed = parseCid(cid);
    return keyOf(parsed.code, parsed.multihash.bytes);
  } catch {
    return null;
  }
}

/**
 * The block a content key names, as Kubo's blockstore keys it: its multihash alone. Every codec of
 * one hash is one stored block, kept whichever of them a pin or Files reaches it by.
 */
export function blockKey(key: string): string {
  return key.slice(varintLength(key));
}

/** Content of this key is the block alone, with no links below it (a raw block). */
export function isRawKey(key: string): boolean {
  return key.charCodeAt(0) === RAW;
}

/** An identity multihash carries the content itself: nothing is stored, nothing can be removed. */
export function isInlineKey(key: string): boolean {
  return key.charCodeAt(varintLength(key)) === IDENTITY;
}

const DAG_PB = 0x70;
const RAW = 0x55;
const IDENTITY = 0x00;
const SHA2_256 = 0x12;

function varintLength(key: string): number {
  let at = 0;
  while (at < key.length && key.charCodeAt(at) & 0x80) at++;
  return at + 1;
}

function keyOf(codec: number, multihash: Uint8Array): string {
  const codecBytes: number[] = [];
  for (let rest = codec; ; rest = Math.floor(rest / 128)) {
    if (rest < 128) {
      codecBytes.push(rest);
      break;
    }
    codecBytes.push((rest % 128) | 0x80);
  }
  return String.fromCharCode(...codecBytes) + latin1(multihash);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function keyOfV0(cid: string): string | null {
  try {
    const multihash = base58btc.baseDecode(cid);
    return multihash.length === 34 && multihash[0] === SHA2_256 && multihash[1] === 32
      ? keyOf(DAG_PB, multihash)
      : null;
  } catch {
    return null;
  }
}

/**
 * A CIDv1's bytes are version, codec, multihash: the version skipped leaves the key. Null unless they
 * are exactly that, the digest as long as its length says.
 */
function keyOfBase32(cid: string): string | null {
  const bytes = base32Bytes(cid);
  if (bytes?.[0] !== 1) return null;
  const codec = varintEnd(bytes, 1);
  const hash = varintEnd(bytes, codec);
  const length = varintEnd(bytes, hash);
  if (length > bytes.length || length - hash > 2) return null;
  let size = 0;
  for (let at = length - 1; at >= hash; at--) size = size * 128 + ((bytes[at] ?? 0) & 0x7f);
  return bytes.length - length === size ? latin1(bytes.subarray(1)) : null;
}

/** Where the varint starting at `at` ends (past the bytes when it does not). */
function varintEnd(bytes: Uint8Array, at: number): number {
  while (at < bytes.length && (bytes[at] ?? 0) & 0x80) at++;
  return at + 1;
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
