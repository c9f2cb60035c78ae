import { AppError } from '../../../shared/errors';

/**
 * Refuses a request at one of its fields, as the dispatcher's schema check does (VALIDATION, the
 * field's path and words), for a rule main checks against what it stores: a name typed in place of
 * the stored one.
 */
export function refuseAtField(field: string, problem: string | null): void {
  if (problem === null) return;
  throw new AppError('VALIDATION', `Refused at ${field}: ${problem}`, {
    problem: 'invalid-field',
    field,
    fieldWords: problem,
  });
}
