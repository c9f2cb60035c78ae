import type { z } from 'zod';
import type { ErrorDetails } from '../errors';

/**
 * A refused request's first problem as VALIDATION details: the field (its path in the request, such
 * as `profile.url`) and the schema's words for it, so that a form can show them at that field.
 */
export function fieldFault(error: z.ZodError): ErrorDetails {
  const [issue] = error.issues;
  if (!issue) return {};
  return { problem: 'invalid-field', field: issue.path.map(String).join('.'), fieldWords: issue.message };
}
