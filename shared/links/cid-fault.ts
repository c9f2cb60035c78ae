import { quoted } from '../hidden-characters';
import { base58btc } from 'multiformats/bases/base58';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { hashNames } from './cid-names';
import { anyBase, multibaseOf, unreadMultibaseOf } from './multibase';

const SHA2_256 = 0x12;
const V0_LENGTH = 46;

/**
 * Why a text that does not parse is no CID, in a person's words: where Kubo says “selected encoding
 * not supported” or “varints malformed”, the first thing wrong with it, from its multibase to its last byte.
 */
export function cidFault(text: string): string {
  if (text.startsWith('Qm') && text.length !== V0_LENGTH) {
    return `a CIDv0 (Qm…) has ${V0_LENGTH} characters and this has ${text.length}: it was cut short or had something added`;
  }
  const base = text.startsWith('Q') ? { name: 'base58btc' } : multibaseOf(text);
  const unread = base ? undefined : unreadMultibaseOf(text);
  if (unread) {
    return `it is written in ${unread}, a multibase IPFS nodes do not read (its letter is ${quoted(text.charAt(0))}): write it in base32 (b…) or base58btc (z…)`;
  }
  if (!base) {
    return `a CID starts with Qm, or with the letter of its multibase (b for bafy…, k, z, f…), and ${quoted(text.charAt(0))} is none`;
  }
  let bytes: Uint8Array;
  try {
    bytes = text.startsWith('Q') ? base58btc.baseDecode(text) : anyBase.decode(text);
  } catch {
    return `after its multibase letter, it is not valid ${base.name} (a character ${base.name} does not use, or cut short)`;
  }
  const bare = bareMultihash(bytes);
  if (bare) return `it is a bare ${bare} hash; only a sha2-256 one (Qm…) is a CID without a version and codec`;
  let expected: number;
  try {
    const { version, size } = CID.inspectBytes(bytes);
    // A CIDv0 is a bare sha2-256 hash: one whose bytes start with a version, 0 or other, is no CID.
    if (version !== 1 && bytes[0] !== SHA2_256) return wrongVersion(version);
    expected = size;
  } catch (error) {
    const version = /Invalid CID version (\d+)/.exec(String(error))?.[1];
    if (version) return wrongVersion(Number(version));
    expected = Infinity;
  }
  if (bytes.length < expected) return 'it ends before its hash does: it was cut short, perhaps when copied';
  const extra = bytes.length - expected;
  return `it has ${extra} ${extra === 1 ? 'byte' : 'bytes'} more than its hash holds: something was added at its end`;
}

function wrongVersion(version: number): string {
  return `its bytes give CID version ${version}, and only version 1 is written there (a CIDv0, Qm…, gives none)`;
}

/** The name of the hash function when the bytes are a whole multihash with no CID around it. */
function bareMultihash(bytes: Uint8Array): string | null {
  try {
    const digest = Digest.decode(bytes);
    return digest.code === SHA2_256 && digest.size === 32 ? null : (hashNames.get(digest.code) ?? null);
  } catch {
    return null;
  }
}
