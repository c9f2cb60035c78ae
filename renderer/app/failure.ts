import { CallError } from './api';
import { fieldFaultOf, type FieldFault } from './field-faults';
import { wordsFor, type FailureWords } from './failure-words';
import { useAppStore } from './store';

/** Any thrown value in plain words: a failed call by its code; the renderer's own errors say their words already. */
export function describeFailure(error: unknown): FailureWords {
  if (error instanceof CallError) return wordsFor(error.error);
  return { reason: error instanceof Error ? error.message : String(error), details: null, mustAct: false };
}

/** The one way a failure becomes a notice: what could not be done, why in plain words, details on demand. */
export function reportFailure(what: string, error: unknown): void {
  const { reason, details, mustAct } = describeFailure(error);
  useAppStore.getState().notify('error', reason, { title: what, details, sticky: mustAct });
}

/**
 * A form's save failed: a refusal of a field the form shows goes there (`atField` says whether it
 * took it), anything else becomes a notice.
 */
export function reportSaveFailure(what: string, error: unknown, atField: (fault: FieldFault) => boolean): void {
  const fault = fieldFaultOf(error);
  if (fault && atField(fault)) return;
  reportFailure(what, error);
}

/** Runs `work`; on failure reports it under `what` and gives null. */
export async function attempt<T>(what: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    reportFailure(what, error);
    return null;
  }
}

/** The plain sentence alone, for errors shown in place (a form, a listing, a preview). */
export function plainMessage(error: unknown): string {
  return describeFailure(error).reason;
}
