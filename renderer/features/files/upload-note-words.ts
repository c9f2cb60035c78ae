import type { UploadItem, UploadNote } from '../../../shared/ipc/contract';

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** What a landed upload's note says to a person. */
export function uploadNoteWords(note: UploadNote): string {
  switch (note.kind) {
    case 'hidden-left-out':
      return `${count(note.count, 'hidden item')} left out (Upload options).`;
    case 'symlinks-skipped':
      return `${count(note.count, 'symlink')} skipped (Upload options).`;
    case 'already-there':
      return `The same content is already in Files at ${note.path}; nothing was duplicated.`;
    case 'renamed':
      return `${note.taken} holds something else, so this was named ${note.name}.`;
    case 'another-root':
      return `The CAR file holds more than one item: another is at ${note.path}.`;
    case 'linked-by-reference':
      // What the import did, not a pin state: the row does not follow pins made since (Pins and Files do).
      return 'Linked into Files by reference: nothing was fetched or pinned at import.';
    case 'cancel-too-late':
      return 'Cancel came after all of it had reached the node, so it was finished: delete it from Files if you do not want it.';
    case 'earlier':
      return note.text;
  }
}

/** What an upload Cairn stopped in the middle of left: Files changes only once `linking` is saved. */
export function interruptedWords({ linking }: Pick<UploadItem, 'linking'>): string {
  if (linking && linking.length > 0)
    return 'Cairn stopped while putting this upload in Files: it may be there already. Retry finishes it.';
  return 'Cairn stopped before this upload finished. Nothing of it is in Files yet.';
}
