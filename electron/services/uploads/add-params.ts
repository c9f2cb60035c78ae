import type { UploadProfile } from '../../../shared/settings-options';

/**
 * The `add` parameters of each import profile (IPIP-499), as Kubo's own profiles set them, every
 * one that has a parameter: a node's config fills in whichever is left out (a trickle layout, a cap
 * on folder links). `node` sends none: the node's Import config decides. Folder sharding and the
 * dag-pb field order have no parameter: import-route.ts decides where `add` cannot give the profile.
 */
const profileParams: Record<UploadProfile, Record<string, string>> = {
  node: {},
  'unixfs-v1-2025': {
    'cid-version': '1',
    'raw-leaves': 'true',
    chunker: 'size-1048576',
    hash: 'sha2-256',
    'max-file-links': '1024',
    'max-directory-links': '0',
    'max-hamt-fanout': '256',
    trickle: 'false',
  },
  'unixfs-v0-2015': {
    'cid-version': '0',
    'raw-leaves': 'false',
    chunker: 'size-262144',
    hash: 'sha2-256',
    'max-file-links': '174',
    'max-directory-links': '0',
    'max-hamt-fanout': '256',
    trickle: 'false',
  },
};

export function addParams(options: { profile: UploadProfile; pin: boolean; pinName: string }): Record<string, string> {
  return {
    ...profileParams[options.profile],
    pin: String(options.pin),
    ...(options.pin ? { 'pin-name': options.pinName } : {}),
  };
}
