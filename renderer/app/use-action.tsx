import { useState } from 'react';
import { describeFailure } from './failure';
import { fieldFaultOf, useFieldFaults } from './field-faults';
import type { FailureWords } from './failure-words';
import { MoreDetails } from '../ui/MoreDetails';

/**
 * A form's request: busy while it runs, and the failure it ended with, shown beside the form in the
 * same plain words a notice would use; a refusal of one of `fields` (request paths the form has
 * inputs for) is shown at that input instead (`errorAt`).
 */
export function useAction(fields: readonly string[] = []) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FailureWords | null>(null);
  const faults = useFieldFaults(fields);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    faults.show(null);
    try {
      await action();
      return true;
    } catch (failure) {
      const fault = fieldFaultOf(failure);
      if (!(fault && faults.show(fault))) setError(describeFailure(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(null), errorAt: faults.at };
}

/** A failure in place: the sentence, and its details on demand. */
export function ErrorText({ error }: { error: FailureWords | null }) {
  if (!error) return null;
  return (
    <div className="error-block">
      <p role="alert" className="error-text">
        {error.reason}
      </p>
      <MoreDetails text={error.details} />
    </div>
  );
}
