import { AppError } from '../../../shared/errors';

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const REFUSED = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A failed write in words: a full disk named as such, with the path, whatever the errno. */
export function storageError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  if (FULL.has(code)) {
    return new AppError(
      'DISK_FULL',
      `The disk holding ${path} is full: free some space and try again.`,
      {
        path,
      },
      { cause: error },
    );
  }
  const reason = REFUSED.has(code)
    ? 'writing there is not allowed'
    : error instanceof Error
      ? error.message
      : String(error);
  return new AppError(
    'FILE_UNWRITABLE',
    `Could not write ${path}: ${reason} (${code || 'error'}).`,
    { path },
    {
      cause: error,
    },
  );
}
