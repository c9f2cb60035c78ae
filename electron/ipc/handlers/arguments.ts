import type { CID } from 'multiformats/cid';
import { AppError } from '../../../shared/errors';
import { LinkError, parseCid } from '../../../shared/links/content-ref';

/** A CID from the renderer, or a validation error that says what is wrong with it. */
export function cidArgument(text: string): CID {
  try {
    return parseCid(text);
  } catch (error) {
    if (error instanceof LinkError) throw new AppError('VALIDATION', error.message);
    throw error;
  }
}
