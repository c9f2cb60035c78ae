import { useState } from 'react';
import { CallError } from './api';
import { wordsFor } from './failure-words';

/** A refusal of one field of a request: its path in the request (`profile.url`) and the plain reason. */
export interface FieldFault {
  field: string;
  reason: string;
}

/** The field a failed call's VALIDATION names, with the reason in plain words; null for any other failure. */
export function fieldFaultOf(error: unknown): FieldFault | null {
  if (!(error instanceof CallError) || error.error.code !== 'VALIDATION') return null;
  const field = error.error.details?.field;
  return typeof field === 'string' ? { field, reason: wordsFor(error.error).reason } : null;
}

/**
 * What a form shows at its fields after a refused save. `show` takes a fault only for one of
 * `fields` (the request paths the form has inputs for): any other stays for the caller to report.
 */
export function useFieldFaults(fields: readonly string[]) {
  const [fault, setFault] = useState<FieldFault | null>(null);
  return {
    show: (next: FieldFault | null): boolean => {
      const shown = next === null || fields.includes(next.field);
      setFault(shown ? next : null);
      return shown;
    },
    at: (field: string): string | undefined => (fault?.field === field ? fault.reason : undefined),
  };
}
