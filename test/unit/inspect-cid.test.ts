import { base256emoji } from 'multiformats/bases/base256emoji';
import { base64 } from 'multiformats/bases/base64';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { describe, expect, it } from 'vitest';
import { inspectCid } from '../../shared/links/inspect-cid';

const V0 = 'QmPK1s3pNYLi9ERiq3BDxKa4XosgWwFRQUydHUtz4YgpqB';

describe('inspectCid', () => {
  it('takes a CIDv0 apart and gives its CIDv1 forms', () => {
    const anatomy = inspectCid(V0);
    expect(anatomy).toMatchObject({
      version: 0,
      multibase: 'base58btc (CIDv0, no prefix)',
      codec: { code: 0x70, name: 'dag-pb' },
      multihash: { code: 0x12, name: 'sha2-256', length: 32 },
      forms: { v0: V0, base32: CID.parse(V0).toV1().toString() },
    });
    expect(anatomy.multihash.digestHex).toMatch(/^[0-9a-f]{64}$/);
    expect(anatomy.forms.base36).toMatch(/^k/);
    expect(anatomy.forms.base58btc).toMatch(/^z/);
  });

  it('takes apart a CIDv0 written with a multibase prefix, as Kubo reads it, naming the base it was written in', () => {
    // Checked against Kubo 0.43.1: `ipfs cid format -f '%P %s' z${V0}` prints cidv0-dag-pb-sha2-256-32 and the CIDv0.
    expect(inspectCid(`z${V0}`)).toMatchObject({ version: 0, multibase: 'base58btc', forms: { v0: V0 } });
  });

  it('names the multibase a CIDv1 was written in, and has no v0 form for raw leaves', () => {
    const v1 = CID.parse('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    const anatomy = inspectCid(v1.toString(base64));
    expect(anatomy).toMatchObject({ version: 1, multibase: 'base64', codec: { name: 'raw' }, forms: { v0: null } });
    expect(inspectCid(anatomy.forms.base36).forms.base32).toBe(v1.toString());
  });

  it('names a multibase whose prefix is two UTF-16 code units (base256emoji), and upper-case base32', () => {
    const v1 = CID.parse('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    expect(inspectCid(v1.toString(base256emoji)).multibase).toBe('base256emoji');
    expect(inspectCid(v1.toString().toUpperCase()).multibase).toBe('base32upper');
  });

  it('gives the forms of a CID pasted in mixed case in lower case, as Kubo writes them', () => {
    const v1 = CID.parse('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    const forms = inspectCid(v1.toString()).forms;
    expect(inspectCid('bAfKrEiFzJuT3tE2nHyEkKlSs27Nh3k72YsCo7Y32kOaO5eEi66WoF36n5E').forms).toEqual(forms);
    expect(inspectCid(forms.base36.toUpperCase().replace(/^K/, 'k')).forms).toEqual(forms);
  });

  it('names a hash function as Kubo does, and none for a code that no table knows', () => {
    const anatomy = inspectCid(CID.createV1(0x3fffff, Digest.create(0xb260, new Uint8Array(32))).toString());
    expect(anatomy.multihash.name).toBe('blake2s-256');
    expect(anatomy.codec).toEqual({ code: 0x3fffff, name: null });
  });

  it('refuses what is not a CID', () => {
    expect(() => inspectCid('not-a-cid')).toThrow(
      '“not-a-cid” is not a CID: a CID starts with Qm, or with the letter of its multibase (b for bafy…, k, z, f…), and “n” is none.',
    );
  });
});
