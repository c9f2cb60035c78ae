import { base36 } from 'multiformats/bases/base36';
import { base64 } from 'multiformats/bases/base64';
import { CID } from 'multiformats/cid';
import { identity } from 'multiformats/hashes/identity';
import { describe, expect, it } from 'vitest';
import { blockKey, contentKey, isInlineKey, isRawKey } from '../../electron/services/keep/content-key';

const v0 = CID.parse('QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn');
const raw = CID.parse('bafkreicmnffnpjpke5qq446v3sttfvt3keianasuhb32rkeclbdgony2tu');

describe('contentKey', () => {
  it('gives one key for every form of one CID: CIDv0, CIDv1 in base32, base36, base64, a CID object', () => {
    const key = contentKey(v0.toString());
    expect(key).not.toBeNull();
    const v1 = v0.toV1();
    for (const form of [v1.toString(), v1.toString(base36), v1.toString(base64), v1, v0]) {
      expect(contentKey(form)).toBe(key);
    }
  });

  it("tells a raw CID of a folder's hash from the folder, and names the one block both are stored as", () => {
    const folder = contentKey(v0.toString()) ?? '';
    const block = contentKey(CID.createV1(0x55, v0.multihash).toString()) ?? '';
    const cbor = contentKey(CID.createV1(0x71, v0.multihash).toString(base36)) ?? '';
    expect(new Set([folder, block, cbor]).size).toBe(3);
    expect(blockKey(folder)).toBe(blockKey(block));
    expect(blockKey(cbor)).toBe(blockKey(block));
    expect([isRawKey(folder), isRawKey(block), isRawKey(cbor)]).toEqual([false, true, false]);
    // A codec past one varint byte (dag-json, 0x0129) still leaves the same block.
    expect(blockKey(contentKey(CID.createV1(0x0129, v0.multihash)) ?? '')).toBe(blockKey(folder));
  });

  it('knows content held in its CID itself (an identity hash)', () => {
    const inline = CID.createV1(0x55, identity.digest(new TextEncoder().encode('hi')));
    expect(isInlineKey(contentKey(inline.toString()) ?? '')).toBe(true);
    expect(isInlineKey(contentKey(raw.toString()) ?? '')).toBe(false);
  });

  it('tells different content apart and reads what is not a CID as null', () => {
    expect(contentKey(raw.toString())).not.toBe(contentKey(v0.toString()));
    expect(contentKey(raw.toString())).toBe(contentKey(raw.toString(base36)));
    for (const text of ['', 'not a cid', 'bxyz1', 'Qm' + '0'.repeat(44)]) expect(contentKey(text)).toBeNull();
  });
});
