import type { GcResult } from '../../../shared/ipc/contract';

/** Kept in Kubo's words for Details; the rest are only counted (a broken repo can report thousands). */
const KEPT_PROBLEMS = 10;

/**
 * Counts what a garbage collection did from Kubo's results, one per removed block or problem.
 * Kubo names a problem only in words; these prefixes are its own (kubo/gc: CannotFetchLinksError,
 * CannotDeleteBlockError).
 */
export function createGcTally() {
  let removedBlocks = 0;
  let unreadableBlocks = 0;
  let undeletedBlocks = 0;
  let problemCount = 0;
  const problems: string[] = [];
  return {
    add(result: { err?: Error | null }): void {
      if (!result.err) {
        removedBlocks += 1;
        return;
      }
      const words = result.err.message;
      if (words.startsWith('could not retrieve links for ')) unreadableBlocks += 1;
      else if (words.startsWith('could not remove ')) undeletedBlocks += 1;
      problemCount += 1;
      if (problems.length < KEPT_PROBLEMS) problems.push(words);
    },
    result(freedBytes: number): GcResult {
      return { removedBlocks, freedBytes, unreadableBlocks, undeletedBlocks, problemCount, problems };
    },
  };
}
