import { CID } from 'multiformats/cid';
import { create } from 'multiformats/hashes/digest';
import { describe, expect, it } from 'vitest';
import {
  candidatesFor,
  fromKuboImport,
  KUBO_CID_V1,
  kuboFlags,
  parseChunker,
  UNIXFS_V0_2015,
  UNIXFS_V1_2025,
} from '../../shared/verify/import-settings';

const V0 = CID.parse('QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn');
const V1_DAG_PB = V0.toV1();
const V1_RAW = CID.parse('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
const V1_BLAKE3 = CID.parse('bafkr4ihkr4ld3m4gqkjf4reryxsy2s5tkbxprqkow6fin2iiyvreuzzab4');
// `ipfs add --hash=sha1`: Kubo takes it, and Cairn recomputes it.
const V1_SHA1 = CID.parse('bafkrcfei7nhirqkwqlay5cyzxct3n2xyo4gthty');
// shake-128, which no import makes (Kubo calls it insecure): Cairn does not compute it.
const V1_SHAKE_128 = CID.createV1(0x55, create(0x18, new Uint8Array(32)));

describe('which import settings can give a CID', () => {
  it('tries only CIDv0 settings for a CIDv0, in order, without duplicates', () => {
    const { tried, skipped } = candidatesFor(V0, UNIXFS_V0_2015);
    expect(tried.map((one) => one.name)).toEqual(['unixfs-v0-2015']);
    expect(skipped.map((one) => one.name)).toEqual([
      'unixfs-v1-2025',
      'kubo --cid-version=1',
      'kubo --cid-version=1 --raw-leaves=false',
    ]);
  });

  it("tries the CIDv1 profiles, then the node's own settings when they differ, then CIDv0 (a CIDv0 written as CIDv1)", () => {
    const node = { ...UNIXFS_V1_2025, chunker: { kind: 'size' as const, size: 65536 } };
    const { tried, skipped } = candidatesFor(V1_DAG_PB, node);
    expect(tried.map((one) => one.name)).toEqual([
      'unixfs-v1-2025',
      'kubo --cid-version=1',
      'kubo --cid-version=1 --raw-leaves=false',
      'node settings',
      'unixfs-v0-2015',
    ]);
    expect(skipped).toEqual([]);
  });

  it('skips settings without raw leaves for a raw CID, and every setting for a hash it cannot compute', () => {
    const withoutRawLeaves = { ...KUBO_CID_V1, rawLeaves: false };
    expect(candidatesFor(V1_RAW, withoutRawLeaves).skipped.map((one) => one.name)).toContain('node settings');
    expect(candidatesFor(V1_SHAKE_128, null).tried).toEqual([]);
    expect(candidatesFor(V1_SHAKE_128, null).skipped[0]?.reason).toBe('Cairn does not recompute shake-128 CIDs');
    expect(candidatesFor(V1_SHA1, null).tried.map((one) => one.settings.hash)).toEqual(['sha1', 'sha1']);
  });

  it("tries each CIDv1 profile with the CID's own hash function, as `ipfs add --hash` gives it", () => {
    const { tried, skipped } = candidatesFor(V1_BLAKE3, { ...KUBO_CID_V1, hash: 'sha2-512' });
    expect(tried.map((one) => [one.name, one.settings.hash])).toEqual([
      ['unixfs-v1-2025 --hash=blake3', 'blake3'],
      ['kubo --cid-version=1 --hash=blake3', 'blake3'],
    ]);
    expect(skipped.map((one) => one.reason)).toEqual([
      'a CIDv0 is hashed with sha2-256 only',
      'a raw CID needs raw leaves',
      'it hashes with sha2-512, this CID with blake3',
    ]);
    // A digest cut short (`ipfs block put --mhlen`) is no import's.
    const cut = CID.createV1(V1_BLAKE3.code, create(0x1e, V1_BLAKE3.multihash.digest.subarray(0, 20)));
    expect(candidatesFor(cut, null).skipped.map((one) => one.reason)).toContain(
      'its blake3 digest is 20 bytes long, and an import makes 32',
    );
  });

  it('skips every setting for a sha2-256 digest cut short, which no import makes', () => {
    const cut = CID.createV1(V1_RAW.code, create(0x12, V1_RAW.multihash.digest.subarray(0, 20)));
    const { tried, skipped } = candidatesFor(cut, null);
    expect(tried).toEqual([]);
    expect(skipped.map((one) => one.reason)).toContain('its sha2-256 digest is 20 bytes long, and an import makes 32');
  });

  it('tries a folder with dot files without them first, then each setting again with them', () => {
    const { tried } = candidatesFor(V1_DAG_PB, null, { dotFiles: true });
    expect(tried.map((one) => [one.name, one.settings.hidden])).toEqual([
      ['unixfs-v1-2025', false],
      ['kubo --cid-version=1', false],
      ['kubo --cid-version=1 --raw-leaves=false', false],
      ['unixfs-v0-2015', false],
      ['unixfs-v1-2025, dot files included', true],
      ['kubo --cid-version=1, dot files included', true],
      ['kubo --cid-version=1 --raw-leaves=false, dot files included', true],
      ['unixfs-v0-2015, dot files included', true],
    ]);
  });
});

describe("Kubo's Import config as settings", () => {
  it('reads nulls as Kubo defaults (v0-2015) and CIDv1 as raw leaves on', () => {
    expect(fromKuboImport({})).toEqual(UNIXFS_V0_2015);
    expect(fromKuboImport({ CidVersion: 1 })).toEqual(KUBO_CID_V1);
  });

  it('reads a hash function Cairn recomputes with, and a CIDv1 with it as Kubo makes one', () => {
    expect(fromKuboImport({ HashFunction: 'blake3' })).toEqual({ ...KUBO_CID_V1, hash: 'blake3' });
    expect(fromKuboImport({ HashFunction: 'sha1' })).toEqual({ ...KUBO_CID_V1, hash: 'sha1' });
    expect(fromKuboImport({ HashFunction: 'shake-128' })).toEqual(UNIXFS_V0_2015);
  });

  it('reads what `profile apply unixfs-v1-2025` writes', () => {
    expect(
      fromKuboImport({
        CidVersion: 1,
        HashFunction: 'sha2-256',
        UnixFSChunker: 'size-1048576',
        UnixFSDAGLayout: 'balanced',
        UnixFSDirectoryMaxLinks: 0,
        UnixFSFileMaxLinks: 1024,
        UnixFSHAMTDirectoryMaxFanout: 256,
        UnixFSHAMTDirectorySizeEstimation: 'block',
        UnixFSHAMTDirectorySizeThreshold: '256KiB',
        UnixFSRawLeaves: true,
      }),
    ).toEqual(UNIXFS_V1_2025);
  });

  it('parses chunkers and writes the matching ipfs add flags', () => {
    expect(parseChunker('size-1024')).toEqual({ kind: 'size', size: 1024 });
    expect(parseChunker('rabin-1-2-3')).toEqual({ kind: 'rabin', min: 1, avg: 2, max: 3 });
    expect(parseChunker('buzhash')).toBeNull();
    expect(kuboFlags({ ...UNIXFS_V0_2015, layout: 'trickle' })).toBe(
      '--cid-version=0 --raw-leaves=false --chunker=size-262144 --hash=sha2-256 --max-file-links=174 --max-hamt-fanout=256 --trickle',
    );
  });
});
