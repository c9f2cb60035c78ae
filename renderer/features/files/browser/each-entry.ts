import { describeFailure, reportFailure } from '../../../app/failure';
import { useAppStore } from '../../../app/store';
import { quoted } from '../../../../shared/hidden-characters';

export interface EachDone<T> {
  done: T[];
  failed: { name: string; error: unknown }[];
}

/** Runs `work` for each name in turn; what fails is kept with why, and the rest goes on. */
export async function eachEntry<T>(names: readonly string[], work: (name: string) => Promise<T>): Promise<EachDone<T>> {
  const result: EachDone<T> = { done: [], failed: [] };
  for (const name of names) {
    try {
      result.done.push(await work(name));
    } catch (error) {
      result.failed.push({ name, error });
    }
  }
  return result;
}

/**
 * What of a batch failed, in one notice: a single failure as any other; several as how many of all,
 * the first one's reason, and each name with its reason behind Details. One notice each would
 * lose most of them: the stack keeps the last four.
 */
export function reportEachFailed(verb: string, failed: EachDone<unknown>['failed'], total: number): void {
  const [first] = failed;
  if (!first) return;
  if (failed.length === 1) {
    reportFailure(`Could not ${verb} ${quoted(first.name)}`, first.error);
    return;
  }
  const more = failed.length - 1;
  useAppStore
    .getState()
    .notify(
      'error',
      `${quoted(first.name)}: ${describeFailure(first.error).reason} And ${more} more, named under Details.`,
      {
        title: `Could not ${verb} ${failed.length} of ${total} items`,
        details: failed.map(({ name, error }) => `${name}: ${describeFailure(error).reason}`).join('\n'),
        sticky: true,
      },
    );
}
