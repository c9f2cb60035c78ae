import { AppError } from '../../../shared/errors';
import type { ImportSettings } from '../../../shared/ipc/contract';
import type { UploadProfile } from '../../../shared/settings-options';
import { parseByteSize, UNIXFS_V0_2015, UNIXFS_V1_2025 } from '../../../shared/verify/import-settings';
import type { KuboClient } from '../kubo/kubo-client';
import { treeCandidates } from '../verify/local-source';
import { recompute } from '../verify/recompute';
import type { WalkEntry } from '../walk';
import { addParams } from './add-params';
import { whenArrived } from './arrivals';
import { addTreeAsCar } from './car-add';
import { addTree, type AddedRoot, type AddTreeOptions } from './kubo-add';

/**
 * How an upload gets the CID `ipfs add` gives on a node with its profile applied: `add` with the
 * profile's parameters, or, where the node's config would change the result and no parameter can
 * say otherwise, a DAG Cairn builds itself and imports as a CAR.
 */
export type ImportRoute = { kind: 'add' } | { kind: 'car'; settings: ImportSettings; because: string };

/** The Import settings Kubo's `add` takes only from the node's config, never from a parameter. */
export interface ConfigOnlyImport {
  /** `links`, `block` or `disabled` (Import.UnixFSHAMTDirectorySizeEstimation). */
  hamtEstimation: string;
  /** null when Cairn cannot read the size the config gives. */
  hamtThresholdBytes: number | null;
  /** `links-first` or `data-first` (Import.UnixFSPBNodeFieldOrder), for every dag-pb node. */
  fieldOrder: string;
}

const profileSettings = { 'unixfs-v1-2025': UNIXFS_V1_2025, 'unixfs-v0-2015': UNIXFS_V0_2015 } as const;

/** Kubo 0.43's defaults for the keys a config leaves empty. */
const KUBO_DEFAULTS: ConfigOnlyImport = {
  hamtEstimation: 'links',
  hamtThresholdBytes: 256 * 1024,
  fieldOrder: 'links-first',
};

export interface KuboConfig {
  Import?: Record<string, unknown>;
  Internal?: Record<string, unknown>;
}

/** Read from the node's config: the ones sharding reads, and the field order. */
export function configOnlyImport({ Import = {}, Internal = {} }: KuboConfig): ConfigOnlyImport {
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  // The threshold's former name, which Kubo still takes when the new one is unset.
  const threshold = Import.UnixFSHAMTDirectorySizeThreshold ?? Internal.UnixFSShardingSizeThreshold;
  return {
    hamtEstimation: text(Import.UnixFSHAMTDirectorySizeEstimation, KUBO_DEFAULTS.hamtEstimation),
    hamtThresholdBytes: threshold == null ? KUBO_DEFAULTS.hamtThresholdBytes : parseByteSize(threshold),
    fieldOrder: text(Import.UnixFSPBNodeFieldOrder, KUBO_DEFAULTS.fieldOrder),
  };
}

/**
 * The route for a profile on a node whose config-only settings are these (null: unknown, so the
 * node cannot be trusted to give the profile's CID). Sharding settings matter only to folders.
 */
export function routeFor(node: ConfigOnlyImport | null, profile: UploadProfile, folder: boolean): ImportRoute {
  if (profile === 'node') return { kind: 'add' };
  const settings = profileSettings[profile];
  const car = (because: string): ImportRoute => ({ kind: 'car', settings, because });
  if (!node) return car('Cairn could not read the node’s Import config');
  // Both profiles write dag-pb links first, as the importer does.
  if (node.fieldOrder !== 'links-first') {
    return car(`the node writes dag-pb nodes ${node.fieldOrder} (Import.UnixFSPBNodeFieldOrder)`);
  }
  if (!folder) return { kind: 'add' };
  if (node.hamtEstimation !== settings.hamtEstimation) {
    return car(
      `the node estimates folder size by ${node.hamtEstimation}, ${profile} by ${settings.hamtEstimation} (Import.UnixFSHAMTDirectorySizeEstimation)`,
    );
  }
  if (node.hamtThresholdBytes !== settings.hamtThresholdBytes) {
    return car(
      `the node shards folders from ${node.hamtThresholdBytes ?? 'an unknown number of'} bytes, ${profile} from ${settings.hamtThresholdBytes} (Import.UnixFSHAMTDirectorySizeThreshold)`,
    );
  }
  return { kind: 'add' };
}

/** Each node's config-only settings, read once per connection (Kubo reads its threshold only when it starts). */
const known = new WeakMap<KuboClient, Promise<ConfigOnlyImport | null>>();

function nodeImport(kubo: KuboClient): Promise<ConfigOnlyImport | null> {
  let reading = known.get(kubo);
  if (!reading) {
    reading = kubo
      .call<KuboConfig>('config/show')
      .then(configOnlyImport)
      // A remote node may not let Cairn read its config: then Cairn builds the DAG itself. Asked
      // again next time: the failure may have been the connection's.
      .catch(() => {
        known.delete(kubo);
        return null;
      });
    known.set(kubo, reading);
  }
  return reading;
}

export interface ProfileAddOptions extends Omit<AddTreeOptions, 'params'> {
  profile: UploadProfile;
  pin: boolean;
  pinName: string;
}

/** Adds a walked tree with the upload's profile, by whichever route gives that profile's CID on this node. */
export async function addWithProfile(
  kubo: KuboClient,
  entries: WalkEntry[],
  { profile, pin, pinName, ...progress }: ProfileAddOptions,
): Promise<AddedRoot> {
  const node = profile === 'node' ? null : await nodeImport(kubo);
  const route = routeFor(node, profile, entries[0]?.type === 'folder');
  if (route.kind === 'add')
    return addTree(kubo, entries, { ...progress, params: addParams({ profile, pin, pinName }) });
  // Cairn's own importer reads whole files: a dropped file still arriving is waited for.
  if (entries[0]) await whenArrived(entries[0].path, progress.signal);
  return addTreeAsCar(kubo, entries, { ...progress, settings: route.settings, pin, pinName }).catch(
    (error: unknown) => {
      if (!(error instanceof AppError) || error.code !== 'NODE_ERROR') throw error;
      throw new AppError(
        'NODE_ERROR',
        `The node cannot give ${profile}’s CID here: ${route.because}, so Cairn builds the DAG itself and imports it, and the node refused the import (${error.message}). Apply the profile to the node (ipfs config profile apply ${profile}) or upload with the node’s own settings.`,
        { action: 'import-with-profile', target: profile },
        { cause: error },
      );
    },
  );
}

/**
 * The CID `addWithProfile` gives a walked tree, by the same route, with nothing stored or pinned:
 * `add --only-hash` with the same parameters, or Cairn's own build of the DAG.
 */
export async function hashWithProfile(
  kubo: KuboClient,
  entries: WalkEntry[],
  { profile, signal }: { profile: UploadProfile; signal: AbortSignal },
): Promise<string> {
  const node = profile === 'node' ? null : await nodeImport(kubo);
  const route = routeFor(node, profile, entries[0]?.type === 'folder');
  const ignore = () => undefined;
  if (route.kind === 'add') {
    const params = { ...addParams({ profile, pin: false, pinName: '' }), 'only-hash': 'true' };
    return (await addTree(kubo, entries, { params, signal, onBytes: ignore, onAdded: ignore })).cid;
  }
  const candidates = treeCandidates(entries, { hidden: true, signal, onBytes: ignore });
  return (await recompute(candidates, route.settings, entries[0]?.name ?? '')).root.toString();
}
