import type { UploadProfile } from '../../../shared/settings-options';

/**
 * The `add` parameters of each import profile (IPIP-499), as Kubo's own profiles set them.
 * `node` sends none: the node's Import config decides. Folder sharding (the HAMT threshold and how
 * it is estimated) has no per-call parameter, so it always follows the node's config.
 */
const profileParams: Record<UploadProfile, Record<string, string>> = {
  node: {},
  'unixfs-v1-2025': {
    'cid-version': '1',
    'raw-leaves': 'true',
    chunker: 'size-1048576',
    hash: 'sha2-256',
    'max-file-links': '1024',
    'max-hamt-fanout': '256',
  },
  'unixfs-v0-2015': {
    'cid-version': '0',
    'raw-leaves': 'false',
    chunker: 'size-262144',
    hash: 'sha2-256',
    'max-file-links': '174',
    'max-hamt-fanout': '256',
  },
};

export function addParams(options: { profile: UploadProfile; pin: boolean; pinName: string }): Record<string, string> {
  return {
    ...profileParams[options.profile],
    pin: String(options.pin),
    ...(options.pin ? { 'pin-name': options.pinName } : {}),
  };
}
