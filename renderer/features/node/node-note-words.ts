import type { NodeNote } from '../../../shared/ipc/contract';

const featureNames: Record<Extract<NodeNote, { kind: 'kubo-lacks' }>['feature'], string> = {
  'import-profiles': 'the import profiles of Upload options (unixfs-v1-2025, unixfs-v0-2015)',
};

/** What Cairn did on the way to a running node, in a sentence; Kubo's own output stays for Details. */
export function noteWords(note: NodeNote): { sentence: string; details: string | null } {
  switch (note.kind) {
    case 'restarted-leftover':
      return {
        sentence:
          'Cairn quit unexpectedly last time and left its IPFS node running: it stopped that node and started it again.',
        details: `Process ${note.pid}`,
      };
    case 'reused-daemon':
      return {
        sentence:
          'An IPFS node was already running on this repo: Cairn uses it, and leaves it running when Cairn quits.',
        details: `RPC API: ${note.apiUrl}`,
      };
    case 'removed-stale-api':
      return {
        sentence: 'The node had not shut down cleanly last time: Cairn cleaned up after it.',
        details: `Removed the repo's api file, which pointed at ${note.apiUrl}`,
      };
    case 'migrated':
      return { sentence: 'Kubo updated the repo to its current version.', details: note.output.join('\n') };
    case 'kubo-lacks':
      return {
        sentence: `This node runs Kubo ${note.version}: ${featureNames[note.feature]} need Kubo ${note.needs} or newer.`,
        details: null,
      };
  }
}
