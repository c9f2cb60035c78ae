import { randomBytes } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * Paths as capabilities: the renderer never names a path on disk, it holds an opaque grant for
 * each file or folder the user chose (main's dialog, or a drop resolved by the preload), and main
 * resolves it here. A path main never granted cannot be read through any channel.
 */
export interface Grants {
  /** A new grant for a path the user chose; only main (dialogs, the preload's drop glue) calls this. */
  grant(path: string): string;
  /** The path a grant stands for, or FORBIDDEN for one main never gave out. */
  pathOf(grant: string): string;
  /** A request's source with its grant (if any) replaced by the path it stands for. */
  resolve<S extends { kind: string }>(source: S): OnDisk<S>;
}

/** A contract source as main-side services take it: a grant becomes the path main granted. */
export type OnDisk<S> = Exclude<S, { kind: 'grant' }> | { kind: 'path'; path: string; car?: boolean };

export function createGrants(): Grants {
  const paths = new Map<string, string>();
  return {
    grant(path) {
      if (!isAbsolute(path))
        throw new AppError('VALIDATION', 'Only an absolute path chosen by the user can be granted.');
      const grant = randomBytes(18).toString('base64url');
      paths.set(grant, path);
      return grant;
    },
    pathOf(grant) {
      const path = paths.get(grant);
      if (path === undefined) {
        throw new AppError(
          'FORBIDDEN',
          'Cairn reads only files and folders chosen in its dialogs or dropped on its window in this session: choose it again.',
        );
      }
      return path;
    },
    resolve(source) {
      if (!isGrantSource(source)) return source as Exclude<typeof source, { kind: 'grant' }>;
      const path = this.pathOf(source.grant);
      return source.car === undefined ? { kind: 'path', path } : { kind: 'path', path, car: source.car };
    },
  };
}

function isGrantSource(source: { kind: string }): source is { kind: 'grant'; grant: string; car?: boolean } {
  return source.kind === 'grant';
}
