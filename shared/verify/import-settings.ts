import type { CID } from 'multiformats/cid';
import type { ImportSettings } from '../ipc/contract';
import { hashNames } from '../links/cid-names';
import { addedDigestBytes, hashCodeOf, RECOMPUTED_HASHES, recomputedHashOf } from './hashes';

const KIB = 1024;
const DAG_PB = 0x70;
const RAW = 0x55;

/** Kubo's classic defaults: IPIP-499 `unixfs-v0-2015`, and what an Import section with no values means. */
export const UNIXFS_V0_2015: ImportSettings = {
  cidVersion: 0,
  rawLeaves: false,
  chunker: { kind: 'size', size: 256 * KIB },
  hash: 'sha2-256',
  layout: 'balanced',
  maxLinks: 174,
  hamtEstimation: 'links',
  hamtThresholdBytes: 256 * KIB,
  hamtFanout: 256,
  wrap: false,
  hidden: false,
};

/** IPIP-499 `unixfs-v1-2025`, as Kubo 0.43's `ipfs config profile apply unixfs-v1-2025` sets it. */
export const UNIXFS_V1_2025: ImportSettings = {
  ...UNIXFS_V0_2015,
  cidVersion: 1,
  rawLeaves: true,
  chunker: { kind: 'size', size: 1024 * KIB },
  maxLinks: 1024,
  hamtEstimation: 'block',
};

/** `ipfs add --cid-version=1` on a node with default settings: v0-2015's shape, CIDv1 with raw leaves. */
export const KUBO_CID_V1: ImportSettings = { ...UNIXFS_V0_2015, cidVersion: 1, rawLeaves: true };

/** `ipfs add --cid-version=1 --raw-leaves=false`: CIDv1 over the v0-2015 DAG, leaves wrapped as UnixFS. */
export const KUBO_CID_V1_WRAPPED_LEAVES: ImportSettings = { ...UNIXFS_V0_2015, cidVersion: 1 };

export interface Candidate {
  name: string;
  settings: ImportSettings;
}

/**
 * What to try, in order, without the duplicates (the node's settings are often one of the
 * profiles), and what cannot give this CID: the hash function is in the CID. Its version need not
 * be: a dag-pb root is the same block written as CIDv0 or CIDv1, and ipfs:// links, subdomain
 * gateways and `ipfs cid base32` write a CIDv0 as CIDv1, so a CIDv1 is tried with CIDv0 settings
 * too, last. A CIDv0 is not tried with CIDv1 settings: Kubo writes their roots as CIDv1 only, and
 * each try is a whole recompute of the input.
 * A folder holding dot files is tried without them first (uploads leave them out unless asked), then
 * with them, as each setting again.
 */
export function candidatesFor(
  cid: CID,
  nodeSettings: ImportSettings | null,
  { dotFiles = false }: { dotFiles?: boolean } = {},
): { tried: Candidate[]; skipped: { name: string; reason: string }[] } {
  const profiles: Candidate[] = [
    { name: 'unixfs-v1-2025', settings: UNIXFS_V1_2025 },
    { name: 'unixfs-v0-2015', settings: UNIXFS_V0_2015 },
    { name: 'kubo --cid-version=1', settings: KUBO_CID_V1 },
    { name: 'kubo --cid-version=1 --raw-leaves=false', settings: KUBO_CID_V1_WRAPPED_LEAVES },
  ];
  // `ipfs add --hash=<other>` with a profile's settings: the hash function is the one thing the CID says.
  const hash = recomputedHashOf(cid);
  const all =
    hash === null || hash === 'sha2-256'
      ? profiles
      : profiles.map(({ name, settings }) => ({ name: `${name} --hash=${hash}`, settings: { ...settings, hash } }));
  if (nodeSettings) all.push({ name: 'node settings', settings: nodeSettings });
  const tried: Candidate[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const candidate of all) {
    const reason = impossible(cid, candidate.settings);
    if (reason) skipped.push({ name: candidate.name, reason });
    else if (!tried.some((other) => sameSettings(other.settings, candidate.settings))) tried.push(candidate);
  }
  // Settings that make the CID's own version first: the other version's give it only once converted.
  const otherVersion = (candidate: Candidate) => Number(candidate.settings.cidVersion !== cid.version);
  const inOrder = tried.sort((a, b) => otherVersion(a) - otherVersion(b));
  const withDotFiles = dotFiles
    ? inOrder.map((candidate) => ({
        name: `${candidate.name}, dot files included`,
        settings: { ...candidate.settings, hidden: true },
      }))
    : [];
  return { tried: [...inOrder, ...withDotFiles], skipped };
}

/** Whether a recomputed root is the CID's block: the same codec and hash, whichever version each is written in. */
export function sameBlock(recomputed: CID, cid: CID): boolean {
  return recomputed.toV1().equals(cid.toV1());
}

/**
 * Why these settings cannot be recomputed at all, or null. The importer's rabin chunker (rabin-wasm)
 * cuts elsewhere than Kubo's for the same parameters: a CID from it is no CID Kubo would give.
 */
export function unrecomputable(settings: ImportSettings): string | null {
  if (settings.chunker.kind === 'rabin') {
    return "Cairn's rabin chunker does not cut where Kubo's does, so it cannot recompute a rabin CID";
  }
  if (settings.cidVersion === 0 && settings.hash !== 'sha2-256') return 'a CIDv0 is hashed with sha2-256 only';
  return null;
}

function impossible(cid: CID, settings: ImportSettings): string | null {
  const unsupported = unrecomputable(settings);
  if (unsupported) return unsupported;
  if (cid.version === 0 && settings.cidVersion !== 0) return 'it makes CIDv1, this is CIDv0';
  if (cid.multihash.code !== hashCodeOf(settings.hash)) {
    const hash = hashNames.get(cid.multihash.code) ?? `0x${cid.multihash.code.toString(16)}`;
    return recomputedHashOf(cid) === null
      ? `Cairn does not recompute ${hash} CIDs`
      : `it hashes with ${settings.hash}, this CID with ${hash}`;
  }
  // A digest cut short (or padded) is no import's: Kubo's add writes every digest whole (`block put --mhlen` may not).
  const bytes = addedDigestBytes(settings.hash);
  if (bytes !== null && cid.multihash.size !== bytes) {
    return `its ${settings.hash} digest is ${cid.multihash.size} bytes long, and an import makes ${bytes}`;
  }
  if (cid.code === RAW && !settings.rawLeaves) return 'a raw CID needs raw leaves';
  if (cid.code !== DAG_PB && cid.code !== RAW) return `codec 0x${cid.code.toString(16)} is not UnixFS`;
  return null;
}

export function sameSettings(a: ImportSettings, b: ImportSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Kubo's `Import` config section (nulls mean Kubo's defaults) as settings. */
export function fromKuboImport(config: Record<string, unknown>): ImportSettings {
  const hash = RECOMPUTED_HASHES.find((name) => name === config.HashFunction) ?? 'sha2-256';
  // Kubo's add makes a CIDv1 of any other hash function.
  const cidVersion = config.CidVersion === 1 || hash !== 'sha2-256' ? 1 : 0;
  const chunker = parseChunker(typeof config.UnixFSChunker === 'string' ? config.UnixFSChunker : 'size-262144');
  const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
  return {
    cidVersion,
    rawLeaves: typeof config.UnixFSRawLeaves === 'boolean' ? config.UnixFSRawLeaves : cidVersion === 1,
    chunker: chunker ?? UNIXFS_V0_2015.chunker,
    hash,
    layout: config.UnixFSDAGLayout === 'trickle' ? 'trickle' : 'balanced',
    maxLinks: numberOr(config.UnixFSFileMaxLinks, 174),
    hamtEstimation: config.UnixFSHAMTDirectorySizeEstimation === 'block' ? 'block' : 'links',
    hamtThresholdBytes: parseByteSize(config.UnixFSHAMTDirectorySizeThreshold) ?? 256 * KIB,
    hamtFanout: numberOr(config.UnixFSHAMTDirectoryMaxFanout, 256),
    wrap: false,
    hidden: false,
  };
}

/** `size-262144` or `rabin-min-avg-max`, as Kubo writes them. */
export function parseChunker(text: string): ImportSettings['chunker'] | null {
  const size = /^size-(\d+)$/.exec(text);
  if (size) return { kind: 'size', size: Number(size[1]) };
  const rabin = /^rabin-(\d+)-(\d+)-(\d+)$/.exec(text);
  if (rabin) return { kind: 'rabin', min: Number(rabin[1]), avg: Number(rabin[2]), max: Number(rabin[3]) };
  return null;
}

/** `256KiB`, `1MiB` or a plain number of bytes, as Kubo writes a size in its config. */
export function parseByteSize(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const match = /^(\d+)\s*(B|KiB|MiB)?$/.exec(value.trim());
  if (!match) return null;
  const unit = match[2] === 'MiB' ? KIB * KIB : match[2] === 'KiB' ? KIB : 1;
  return Number(match[1]) * unit;
}

/** The `ipfs add` flags that give these settings, for the user to reproduce a result. */
export function kuboFlags(settings: ImportSettings): string {
  const { chunker } = settings;
  const flags = [
    `--cid-version=${settings.cidVersion}`,
    `--raw-leaves=${settings.rawLeaves}`,
    `--chunker=${chunker.kind === 'size' ? `size-${chunker.size}` : `rabin-${chunker.min}-${chunker.avg}-${chunker.max}`}`,
    `--hash=${settings.hash}`,
    `--max-file-links=${settings.maxLinks}`,
    `--max-hamt-fanout=${settings.hamtFanout}`,
  ];
  if (settings.layout === 'trickle') flags.push('--trickle');
  if (settings.wrap) flags.push('--wrap-with-directory');
  if (settings.hidden) flags.push('--hidden');
  return flags.join(' ');
}
