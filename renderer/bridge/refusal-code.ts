import type { ErrorCode } from '../../shared/errors';

/** The bridge's refusals by status: too busy for now (503), a body over its limit (413), or not allowed. */
export function refusalCode(status: number): ErrorCode {
  if (status === 503) return 'BACKEND_BUSY';
  if (status === 413) return 'VALIDATION';
  return 'FORBIDDEN';
}
