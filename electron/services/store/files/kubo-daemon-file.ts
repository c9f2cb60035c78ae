import { z } from 'zod';
import type { FileSpec } from '../file-spec';

const daemonSchema = z.object({
  pid: z.number().int().positive(),
  /** What the OS says of the process's start, so that a recycled pid is not taken for it. */
  startedAt: z.string().min(1),
  repoPath: z.string().min(1),
});

export type DaemonRecord = z.infer<typeof daemonSchema>;

/** The Kubo daemon Cairn started and has not seen stop: Cairn's to stop, even after a crash of Cairn. */
export const kuboDaemonFile: FileSpec<DaemonRecord | null> = {
  name: 'kubo-daemon.json',
  version: 1,
  read: (document) => ({ value: daemonSchema.nullable().parse(document.daemon ?? null), dropped: 0 }),
  write: (daemon) => ({ daemon }),
  empty: () => null,
  count: (value) => (value ? 1 : 0),
};
