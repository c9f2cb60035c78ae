import { base36 } from 'multiformats/bases/base36';
import { base64 } from 'multiformats/bases/base64';
import { CID } from 'multiformats/cid';
import { describe, expect, it } from 'vitest';
import { contentKey } from '../../electron/services/keep/content-key';

const v0 = CID.parse('QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn');
const raw = CID.parse('bafkreicmnffnpjpke5qq446v3sttfvt3keianasuhb32rkeclbdgony2tu');

describe('contentKey', () => {
  it('gives one key for every form of one multihash: CIDv0, CIDv1 in base32, base36, base64, a CID object', () => {
    const key = contentKey(v0.toString());
    expect(key).not.toBeNull();
    const v1 = v0.toV1();
    for (const form of [v1.toString(), v1.toString(base36), v1.toString(base64), v1, v0]) {
      expect(contentKey(form)).toBe(key);
    }
    // dag-pb and raw of the same bytes are the same block to Kubo.
    expect(contentKey(CID.createV1(0x55, v0.multihash).toString())).toBe(key);
  });

  it('tells different content apart and reads what is not a CID as null', () => {
    expect(contentKey(raw.toString())).not.toBe(contentKey(v0.toString()));
    expect(contentKey(raw.toString())).toBe(contentKey(raw.toString(base36)));
    for (const text of ['', 'not a cid', 'bxyz1', 'Qm' + '0'.repeat(44)]) expect(contentKey(text)).toBeNull();
  });
});
