import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recompute } from '../../electron/services/verify/recompute';
import type { WholeFileCandidate } from '../../electron/services/verify/whole-files';
import type { ImportSettings } from '../../shared/ipc/contract';
import { KUBO_CID_V1, UNIXFS_V0_2015, UNIXFS_V1_2025 } from '../../shared/verify/import-settings';

// Files read whole are built without the importer's per-file pipeline: each must get the CID the
// importer gives the same bytes streamed, on both sides of one leaf, with every shape of leaf.
const settings: [string, ImportSettings][] = [
  ['unixfs-v1-2025 (raw leaves)', { ...UNIXFS_V1_2025, chunker: { kind: 'size', size: 1024 } }],
  ['unixfs-v0-2015 (CIDv0, UnixFS leaves)', { ...UNIXFS_V0_2015, chunker: { kind: 'size', size: 1024 } }],
  ['CIDv1, UnixFS leaves', { ...KUBO_CID_V1, rawLeaves: false, chunker: { kind: 'size', size: 1024 } }],
  ['trickle', { ...UNIXFS_V1_2025, layout: 'trickle', chunker: { kind: 'size', size: 1024 } }],
  ['blake3 (raw leaves)', { ...UNIXFS_V1_2025, hash: 'blake3', chunker: { kind: 'size', size: 1024 } }],
  [
    'sha3-256, UnixFS leaves',
    { ...KUBO_CID_V1, rawLeaves: false, hash: 'sha3-256', chunker: { kind: 'size', size: 1024 } },
  ],
];
const sizes = [0, 1, 1023, 1024, 1025, 5000];

describe('files read whole', () => {
  it.each(settings)('get the CIDs the importer gives them streamed, with %s', async (_, chosen) => {
    const files = sizes.map((size) => ({ path: `root/${size}.bin`, bytes: randomBytes(size) }));
    const whole = files.map(({ path, bytes }): WholeFileCandidate => ({
      path,
      size: bytes.byteLength,
      whole: () => Promise.resolve(bytes),
      content: [new Uint8Array(bytes)],
    }));
    const streamed = files.map(({ path, bytes }) => ({ path, content: [new Uint8Array(bytes)] }));
    const [built, imported] = await Promise.all([
      recompute(whole, chosen, 'root'),
      recompute(streamed, chosen, 'root'),
    ]);
    // The folder's CID is every entry's: one differing would change it.
    expect(built.root.toString()).toBe(imported.root.toString());
  });
});
