/**
 * The folder a folder picker chose, from one of its files: '/x/album/a/b.txt' with the relative
 * path 'album/a/b.txt' sits in '/x/album'. Either separator, so that it holds for Windows paths too.
 * Null when the path does not end with the relative path (then nothing is granted).
 */
export function pickedFolderPath(filePath: string, relativePath: string): string | null {
  const segments = relativePath.split('/');
  if (segments.length < 2 || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return null;
  }
  let folder = filePath;
  for (const segment of segments.slice(1).reverse()) {
    const cut = Math.max(folder.lastIndexOf('/'), folder.lastIndexOf('\\'));
    if (cut <= 0 || folder.slice(cut + 1) !== segment) return null;
    folder = folder.slice(0, cut);
  }
  const cut = Math.max(folder.lastIndexOf('/'), folder.lastIndexOf('\\'));
  return folder.slice(cut + 1) === segments[0] ? folder : null;
}
