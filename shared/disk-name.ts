import { deceptiveCharacters } from './hidden-characters';

/**
 * Names that come from anywhere (folders on IPFS, CARs, the renderer) before they become a file or
 * folder on disk. The rules hold on every OS, so that what Cairn writes on one it would write on
 * the other: no separator of either, no `.` or `..`, no NUL or control characters, none of
 * Windows' reserved device names (CON, NUL, COM1…, with or without an extension), no trailing dot
 * or space. Windows' own rules add the characters it refuses (`<>:"|?*`).
 */
export function diskNameProblem(name: string, rules: 'posix' | 'win32' = 'posix'): string | null {
  if (name.length === 0) return 'a name cannot be empty';
  if (name === '.' || name === '..') return `“${name}” is not a name: it points at a folder itself`;
  if (name.includes('/') || name.includes('\\')) return 'a name cannot contain “/” or “\\”';
  if (CONTROL.test(name)) return 'a name cannot contain NUL or control characters';
  if (RESERVED.test(name)) return `“${name}” is a device name on Windows`;
  if (/[. ]$/.test(name)) return 'a name cannot end with a dot or a space';
  if (rules === 'win32' && WINDOWS_CHARACTERS.test(name)) return 'a name cannot contain < > : " | ? or * on Windows';
  if (new TextEncoder().encode(name).byteLength > 255) return 'a name is at most 255 bytes';
  return null;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const WINDOWS_CHARACTERS = /[<>:"|?*]/;

/**
 * What makes a name read as another where the OS shows it ("invoice\u202Efdp.exe" shows as
 * "invoiceexe.pdf"), or null: checked on every name Cairn writes to disk (inside-folder.ts), not on
 * the names a person gives what they add, which only become names in Files.
 */
export function shownAsAnotherProblem(name: string): string | null {
  const hidden = deceptiveCharacters(name)[0];
  return hidden
    ? `a name cannot hold a hidden character (${hidden.code}, ${hidden.what}) that makes it read as another`
    : null;
}
