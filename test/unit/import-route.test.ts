import { describe, expect, it } from 'vitest';
import { configOnlyImport, routeFor } from '../../electron/services/uploads/import-route';

// What `ipfs config profile apply` writes into Import, as Kubo 0.43 does.
const V0_APPLIED = {
  UnixFSHAMTDirectorySizeEstimation: 'links',
  UnixFSHAMTDirectorySizeThreshold: '256KiB',
  UnixFSPBNodeFieldOrder: 'links-first',
};
const V1_APPLIED = { ...V0_APPLIED, UnixFSHAMTDirectorySizeEstimation: 'block' };

describe('the route an upload with a profile takes', () => {
  it("keeps `add` where the node's config-only settings are the profile's", () => {
    expect(routeFor(configOnlyImport({ Import: V1_APPLIED }), 'unixfs-v1-2025', true)).toEqual({ kind: 'add' });
    expect(routeFor(configOnlyImport({ Import: V0_APPLIED }), 'unixfs-v0-2015', true)).toEqual({ kind: 'add' });
    // An empty Import section means Kubo's defaults, which shard as unixfs-v0-2015 does.
    expect(routeFor(configOnlyImport({ Import: {} }), 'unixfs-v0-2015', true)).toEqual({ kind: 'add' });
  });

  it('builds the DAG in Cairn where the node would shard folders otherwise, naming the setting', () => {
    const onDefaults = routeFor(configOnlyImport({ Import: {} }), 'unixfs-v1-2025', true);
    expect(onDefaults).toMatchObject({ kind: 'car', settings: { hamtEstimation: 'block', cidVersion: 1 } });
    expect(onDefaults.kind === 'car' && onDefaults.because).toContain('Import.UnixFSHAMTDirectorySizeEstimation');
    expect(routeFor(configOnlyImport({ Import: V1_APPLIED }), 'unixfs-v0-2015', true)).toMatchObject({
      kind: 'car',
      settings: { hamtEstimation: 'links', cidVersion: 0 },
    });
    const threshold = routeFor(
      configOnlyImport({ Import: { ...V1_APPLIED, UnixFSHAMTDirectorySizeThreshold: '1MiB' } }),
      'unixfs-v1-2025',
      true,
    );
    expect(threshold.kind === 'car' && threshold.because).toContain('from 1048576 bytes');
    // Kubo still takes the threshold under its former name when the new one is unset.
    const renamed = configOnlyImport({
      Import: { UnixFSHAMTDirectorySizeEstimation: 'links' },
      Internal: { UnixFSShardingSizeThreshold: '1MiB' },
    });
    expect(routeFor(renamed, 'unixfs-v0-2015', true)).toMatchObject({ kind: 'car' });
  });

  it('keeps `add` for a single file, which no sharding setting changes, unless dag-pb nodes are written otherwise', () => {
    expect(routeFor(configOnlyImport({ Import: {} }), 'unixfs-v1-2025', false)).toEqual({ kind: 'add' });
    const dataFirst = configOnlyImport({ Import: { ...V1_APPLIED, UnixFSPBNodeFieldOrder: 'data-first' } });
    expect(routeFor(dataFirst, 'unixfs-v1-2025', false)).toMatchObject({ kind: 'car' });
  });

  it('builds in Cairn when the config cannot be read or a size cannot be parsed, and never for the node’s own settings', () => {
    expect(routeFor(null, 'unixfs-v0-2015', false)).toMatchObject({ kind: 'car' });
    const unreadable = configOnlyImport({ Import: { ...V0_APPLIED, UnixFSHAMTDirectorySizeThreshold: '0.25MB' } });
    expect(routeFor(unreadable, 'unixfs-v0-2015', true)).toMatchObject({ kind: 'car' });
    expect(routeFor(null, 'node', true)).toEqual({ kind: 'add' });
  });
});
