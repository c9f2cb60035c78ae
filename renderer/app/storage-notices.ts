import type { StorageProblem } from '../../shared/ipc/contract';
import { cairn, call } from './api';
import { wordsFor } from './failure-words';
import { reportFailure } from './failure';
import { useAppStore } from './store';

/** Problems with the files in the data folder since the start, then each new one, as notices. */
export function followStorageProblems(): () => void {
  void call('storage.problems', {}).then(
    (problems) => problems.forEach(showProblem),
    (error: unknown) => reportFailure('Could not ask about the data folder', error),
  );
  return cairn().on('storage.problem', showProblem);
}

function showProblem(problem: StorageProblem): void {
  const { notify } = useAppStore.getState();
  if (problem.kind === 'write-failed') {
    const { reason, details, mustAct } = wordsFor({
      code: problem.code,
      message: problem.message,
      details: { path: problem.path },
    });
    notify('error', reason, { title: `Could not save ${problem.file}`, details, sticky: mustAct });
    return;
  }
  const { found } = problem;
  notify('error', found ? describeFound(problem, found) : describeUnreadable(problem), {
    title: found
      ? `Found a ${thingWords[found.thing]} in place of ${problem.file}`
      : problem.dropped === null
        ? `${problem.file} could not be read`
        : problem.dropped === 0
          ? `${problem.file} was not read exactly as saved`
          : `Part of ${problem.file} was left out`,
    details: `Reason: ${problem.reason}\nFile: ${problem.path}`,
    sticky: true,
  });
}

export function describeUnreadable(problem: Unreadable): string {
  const kept =
    problem.dropped === null
      ? 'Cairn started without what it held'
      : problem.dropped === 0
        ? `Cairn kept ${problem.kept} ${problem.kept === 1 ? 'entry' : 'entries'}, though not exactly as saved (${problem.reason})`
        : `Cairn kept ${problem.kept} ${problem.kept === 1 ? 'entry' : 'entries'} and left out ${problem.dropped} (${problem.reason})`;
  const original = problem.aside
    ? `The original is kept at ${problem.aside}.`
    : `The file was left untouched at ${problem.path}.`;
  return `${kept}. ${original}`;
}

type Unreadable = Extract<StorageProblem, { kind: 'unreadable' }>;

const thingWords = { link: 'symbolic link', file: 'file', folder: 'folder' } as const;

/** What stood in the place of a file or folder of the data folder, and what became of it. */
export function describeFound({ aside, path }: Unreadable, found: NonNullable<Unreadable['found']>): string {
  const thing = thingWords[found.thing];
  const why =
    found.thing === 'link'
      ? 'Cairn does not follow links in its data folder and left what this one points to alone.'
      : `A ${found.place} belongs there.`;
  if (!aside) return `${why} The ${thing} could not be moved aside, so it is still at ${path}.`;
  const then = found.place === 'folder' ? 'made a new, empty folder' : 'started without it';
  return `${why} Cairn moved the ${thing} aside to ${aside} and ${then}.`;
}
