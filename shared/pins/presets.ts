// Pinning services Cairn knows the endpoint of; "cluster" and "custom" take the user's own.
export const servicePresets = ['pinata', 'filebase', '4everland', 'cluster', 'custom'] as const;
export type ServicePreset = (typeof servicePresets)[number];

export const presetInfo: Record<ServicePreset, { label: string; endpoint: string; hint: string }> = {
  pinata: { label: 'Pinata', endpoint: 'https://api.pinata.cloud/psa', hint: 'A Pinata API JWT.' },
  filebase: {
    label: 'Filebase',
    endpoint: 'https://api.filebase.io/v1/ipfs',
    hint: 'The IPFS pinning token of a Filebase bucket.',
  },
  '4everland': { label: '4EVERLAND', endpoint: 'https://api.4everland.dev', hint: 'A 4EVERLAND pinning access token.' },
  cluster: {
    label: 'IPFS Cluster',
    endpoint: '',
    hint: "Your cluster's pinning-service API endpoint (its pinsvc listen address), e.g. https://cluster.example:9097.",
  },
  custom: { label: 'Custom', endpoint: '', hint: 'Any endpoint that speaks the IPFS Pinning Service API v1.' },
};

/** The states of the Pinning Service API, in the order a pin goes through them. */
export const pinStatuses = ['queued', 'pinning', 'pinned', 'failed'] as const;
export type PinStatus = (typeof pinStatuses)[number];

/** The API's `match` modes for the name filter. */
export const nameMatchModes = ['exact', 'iexact', 'partial', 'ipartial'] as const;
export type NameMatch = (typeof nameMatchModes)[number];
