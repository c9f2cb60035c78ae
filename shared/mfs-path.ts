/**
 * MFS paths and names as Cairn accepts them. Pure, shared by the contract (validation in main) and
 * the renderer (breadcrumbs, joining). Kubo takes almost any byte in a name; '/', '.', '..', the
 * empty name and NUL are what would change which entry a path names.
 */
function pathNameProblem(name: string): string | null {
  if (name.length === 0) return 'a name cannot be empty';
  if (name === '.' || name === '..') return `“${name}” is not a name: it points at a folder itself`;
  if (name.includes('/')) return 'a name cannot contain “/”';
  if (name.includes('\0')) return 'a name cannot contain a NUL character';
  return null;
}

/** A name Cairn gives an entry: one that names it in a path, and no longer than a disk's names. */
export function nameProblem(name: string): string | null {
  const problem = pathNameProblem(name);
  if (problem) return problem;
  if (new TextEncoder().encode(name).byteLength > 255) return 'a name is at most 255 bytes';
  return null;
}

/**
 * '/' or '/a/b' with names that each name one entry, and no trailing slash. A name longer than Cairn
 * gives is fine here: Kubo takes it from another program, and it must still be opened, renamed or deleted.
 */
export function pathProblem(path: string): string | null {
  if (!path.startsWith('/')) return 'an MFS path starts with “/”';
  if (path === '/') return null;
  if (path.endsWith('/')) return 'an MFS path does not end with “/”';
  for (const name of path.slice(1).split('/')) {
    const problem = pathNameProblem(name);
    if (problem) return problem;
  }
  return null;
}

export function joinPath(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}

export function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** '/a/b' -> [{ name: 'a', path: '/a' }, { name: 'b', path: '/a/b' }] */
export function pathSegments(path: string): { name: string; path: string }[] {
  if (path === '/') return [];
  const names = path.slice(1).split('/');
  return names.map((name, index) => ({ name, path: `/${names.slice(0, index + 1).join('/')}` }));
}

/** Whether `path` is `folder` itself or inside it (moving a folder into itself is refused). */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || folder === '/' || path.startsWith(`${folder}/`);
}
