import nodePath, { type PlatformPath } from 'node:path';
import { AppError } from '../../../shared/errors';
import { diskNameProblem, shownAsAnotherProblem } from '../../../shared/disk-name';
import { quoted } from '../../../shared/hidden-characters';

/**
 * Where a write goes: `root` joined with names checked one by one, resolved, and refused unless it
 * is still inside `root`. Every write of a name that came from outside main goes through here.
 * `path` is Node's path for this OS, or `path.win32` / `path.posix` in tests.
 */
export function insideFolder(root: string, names: readonly string[], path: PlatformPath = nodePath): string {
  const rules = path.sep === '\\' ? 'win32' : 'posix';
  for (const name of names) refuseIf(name, diskNameProblem(name, rules));
  const base = path.resolve(root);
  const target = path.resolve(base, ...names);
  const relative = path.relative(base, target);
  // Out of the folder is `..` or `../…`; a name such as `..notes` is a name like any other.
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`);
  if (relative === '' || outside || path.isAbsolute(relative)) {
    throw new AppError('VALIDATION', `${target} is outside the folder ${base}; nothing was written there.`, {
      name: names.join('/'),
      problem: 'outside-folder',
    });
  }
  return target;
}

/**
 * `insideFolder` for a name a person will meet on disk (an export): also refused when the OS would
 * show it as another name. Staging for uploads keeps such names: they only become names in Files.
 */
export function shownInsideFolder(root: string, names: readonly string[], path: PlatformPath = nodePath): string {
  for (const name of names) refuseIf(name, shownAsAnotherProblem(name));
  return insideFolder(root, names, path);
}

function refuseIf(name: string, problem: string | null): void {
  if (problem) {
    throw new AppError('VALIDATION', `${quoted(name)} cannot be written to disk: ${problem}.`, {
      name,
      problem: 'disk-name',
    });
  }
}
