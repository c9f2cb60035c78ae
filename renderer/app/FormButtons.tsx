import type { ReactNode } from 'react';
import type { CairnError } from '../../shared/errors';
import { wordsFor } from './failure-words';
import { ErrorText } from './use-action';

/**
 * The buttons under a form: submit, cancel, and for settings that reach out (a node, a pinning
 * service) a test of what was typed before it is saved.
 */
export function FormButtons({
  submit,
  submitDisabled = false,
  onCancel,
  test,
}: {
  submit: string;
  submitDisabled?: boolean;
  onCancel: () => void;
  test?: { label: string; running: boolean; run: () => void };
}) {
  return (
    <div className="actions">
      {test && (
        <button type="button" disabled={test.running} onClick={test.run}>
          {test.label}
        </button>
      )}
      <button type="submit" disabled={submitDisabled}>
        {submit}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

type Check = { ok: true } | ({ ok: false } & CairnError);

function succeeded<C extends Check>(check: C): check is Extract<C, { ok: true }> {
  return check.ok;
}

function failure(check: Check): Extract<Check, { ok: false }> | null {
  return check.ok ? null : check;
}

/** What a test said: that it runs, its failure in plain words with Details, or its success as the form words it. */
export function TestOutcome<C extends Check>({
  check,
  running,
  success,
}: {
  check: C | 'testing' | null;
  running: string;
  success: (check: Extract<C, { ok: true }>) => ReactNode;
}) {
  if (check === null) return null;
  if (check === 'testing') return <p role="status">{running}</p>;
  if (succeeded(check)) return success(check);
  const failed = failure(check);
  return failed && <ErrorText error={wordsFor(failed)} />;
}
