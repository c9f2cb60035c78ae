import { CID } from 'multiformats/cid';
import { describe, expect, it } from 'vitest';
import { digestOf, multihashOf } from '../../electron/services/digests';
import { addedDigestBytes, hashCodeOf } from '../../shared/verify/hashes';

const HELLO = new TextEncoder().encode('hello\n');

// `ipfs add --offline -Q --hash=<name>` of "hello\n" with Kubo 0.43.1: CIDv1, one raw leaf.
const kuboCids = {
  sha1: 'bafkrcfhvoljzn6xjebtcq4kpwlhab5zostzcldy',
  'dbl-sha2-256': 'bafkvmihmwzn3td45sbnxarmjq3bz7s5no4k6l4x4yoy7a53h27ed4jbyzq',
  'shake-256':
    'bafkrsqgbjrcs44zz6rw3oyzvhnfilnggrd5sbfx7vpocu5l6saa3c4nx46i35n25grwbtspffgk6goz7oftkeoflsbl5xsauud7eeyxhzwscm',
};

describe('digests with the hash functions ipfs add --hash takes', () => {
  it.each(Object.entries(kuboCids))('gives the multihash Kubo gives with %s', (name, cid) => {
    const { multihash } = CID.parse(cid);
    const length = addedDigestBytes(name) ?? 0;
    expect(length).toBe(multihash.size);
    expect(multihashOf(hashCodeOf(name), HELLO, length).bytes).toEqual(multihash.bytes);
    // A digest cut short (`ipfs block put --mhlen`) is the first bytes of the whole one.
    expect(digestOf(multihash.code, HELLO, 20)).toBe(Buffer.from(multihash.digest.subarray(0, 20)).toString('hex'));
  });
});
