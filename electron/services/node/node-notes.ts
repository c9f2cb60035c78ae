import type { NodeNote } from '../../../shared/ipc/contract';

/** A note as a precise English line, for the log and the diagnostics report; the renderer words it for people. */
export function noteLine(note: NodeNote): string {
  switch (note.kind) {
    case 'restarted-leftover':
      return `stopped Cairn's leftover Kubo daemon (pid ${note.pid}) from a run that quit unexpectedly, and started it again`;
    case 'reused-daemon':
      return `reused the Kubo daemon already running on the repo (RPC at ${note.apiUrl}); it stays running on exit`;
    case 'removed-stale-api':
      return `removed a stale api file (${note.apiUrl})`;
    case 'migrated':
      return `Kubo migrated the repo:\n${note.output.join('\n')}`;
    case 'kubo-lacks':
      return `Kubo ${note.version} is older than ${note.needs}, which ${note.feature} need`;
  }
}
