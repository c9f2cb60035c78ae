import { base32 } from 'multiformats/bases/base32';
import { base36 } from 'multiformats/bases/base36';
import { base58btc } from 'multiformats/bases/base58';
import { codecNames, hashNames } from './cid-names';
import { parseCid, trimPasted } from './content-ref';
import { multibaseOf } from './multibase';

export interface CidAnatomy {
  version: 0 | 1;
  multibase: string;
  /** Names as Kubo gives them; null for a code Kubo does not know either. */
  codec: { code: number; name: string | null };
  multihash: { code: number; name: string | null; length: number; digestHex: string };
  /** The same content address in the forms people paste; v0 only where it exists (dag-pb, sha2-256). */
  forms: { v0: string | null; base32: string; base36: string; base58btc: string };
}

/** What a CID is made of, read from the string alone: no node, no network. */
export function inspectCid(text: string): CidAnatomy {
  const trimmed = trimPasted(text);
  const cid = parseCid(trimmed);
  // A CIDv0 may also be written with a multibase prefix (zQm…, bciq…), which Kubo reads too.
  const bare = cid.version === 0 && trimmed.startsWith('Q');
  const multibase = bare ? 'base58btc (CIDv0, no prefix)' : (multibaseOf(trimmed)?.name ?? 'unknown');
  const v1 = cid.toV1();
  const canBeV0 = cid.code === 0x70 && cid.multihash.code === 0x12 && cid.multihash.size === 32;
  return {
    version: cid.version,
    multibase,
    codec: { code: cid.code, name: codecNames.get(cid.code) ?? null },
    multihash: {
      code: cid.multihash.code,
      name: hashNames.get(cid.multihash.code) ?? null,
      length: cid.multihash.size,
      digestHex: [...cid.multihash.digest].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
    },
    forms: {
      v0: canBeV0 ? cid.toV0().toString() : null,
      base32: v1.toString(base32),
      base36: v1.toString(base36),
      base58btc: v1.toString(base58btc),
    },
  };
}
