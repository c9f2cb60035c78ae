import type { RemoteDetails, RemoteVerification } from '../../../shared/ipc/contract';
import { formatBytes } from '../../app/format';
import {
  cutShortWords,
  encodedWords,
  httpWords,
  inlineWords,
  partialWords,
  rateLimitedWords,
  redirectWords,
  stalledWords,
  tamperedWords,
  tooLargeWords,
  uncheckableWords,
  unreachableWords,
  untrustlessWords,
} from '../../app/answer-words';
import { quoted } from '../../../shared/hidden-characters';

export interface RemoteWords {
  sentence: string;
  /** Main's own line, the parameters and a bad block's digests: for the Details disclosure. */
  details: string;
}

const blocksWord = (n: number): string => `${n} block${n === 1 ? '' : 's'}`;

/** One source's verdict in a sentence, written here from its outcome and parameters. */
export function remoteWords(verdict: RemoteVerification): RemoteWords {
  const lines = [verdict.message];
  if (verdict.block) {
    lines.push(`Block: ${verdict.block.cid}`, `Expected digest: ${verdict.block.expected}`);
    lines.push(`Received digest: ${verdict.block.received}`);
  }
  for (const [key, value] of Object.entries(verdict.details ?? {})) lines.push(`${key}: ${String(value)}`);
  return { sentence: sentenceOf(verdict) + notesOf(verdict.details ?? {}), details: lines.join('\n') };
}

/** What a source sent besides the content, which the verdict does not rest on: said after it. */
function notesOf({ carRoots, extraBytes, extraBlocks, looseBytes, extraCut }: RemoteDetails): string {
  let notes = '';
  if (carRoots) {
    notes += ` The CAR it sent names ${carRoots.length === 0 ? 'no root' : 'another root'}, not this CID: what was checked is this CID’s content.`;
  }
  if (extraBytes) {
    const kinds = [
      extraBlocks ? `${blocksWord(extraBlocks)} not part of it` : '',
      looseBytes ? `${formatBytes(looseBytes)} that are not a whole block` : '',
    ].filter(Boolean);
    notes += ` After the content it also sent ${extraCut ? 'more than ' : ''}${formatBytes(extraBytes)} (${kinds.join(' and ')}): Cairn did not use them.`;
  }
  return notes;
}

function sentenceOf({ source, outcome, blocks, message, details = {}, retryAfter }: RemoteVerification): string {
  switch (outcome) {
    case 'verified':
      return `${source} sent ${blocksWord(blocks)}, each matching the CID, up to the root.${
        details.folderNotSaved ? ' It is a folder, and only a file can be saved: nothing was saved.' : ''
      }${details.symlinkTarget === undefined ? '' : ` It is a symbolic link to ${quoted(details.symlinkTarget)}, not a file: nothing is saved.`}`;
    case 'tampered':
      return tamperedWords(source);
    case 'truncated':
      if (details.partialContent) {
        return `${partialWords(source)}, and ${blocksWord(blocks)} before it matched.`;
      }
      return `${cutShortWords(source)}, after ${blocksWord(blocks)} that matched.`;
    case 'malformed':
      return `${source} sent data that is not valid in the format it claims, so it cannot be checked.`;
    case 'unordered':
      return `${source} sent its blocks in an order Cairn cannot check as they arrive (order=${
        details.carOrder ?? 'unk'
      }; dups=${details.carDups ?? 'unsaid'}): the ${blocksWord(blocks)} that came matched, the rest was not checked.`;
    case 'wrong-type':
      if (details.contentEncoding) return encodedWords(source, details.contentEncoding);
      return untrustlessWords(source, details.sentType ?? '');
    case 'timeout':
      return stalledWords(source, details.idleSeconds);
    case 'too-large':
      if (details.maxVisits) {
        return `This content links to its blocks more than ${details.maxVisits} times over, more than Cairn walks: it was not checked to the end.`;
      }
      if (details.maxBlocks) {
        return `This content has more than ${details.maxBlocks} distinct blocks, more than Cairn remembers in one check: it was not checked to the end.`;
      }
      if (details.maxPending) {
        return `This content links to more than ${details.maxPending} blocks waiting to be checked at once, more than Cairn holds in one check: it was not checked to the end.`;
      }
      return tooLargeWords(source);
    case 'rate-limited':
      return rateLimitedWords(source, retryAfter ?? null);
    case 'unreachable':
      return unreachableWords(source);
    case 'refused':
      return details.status ? httpWords(source, details.status) : `${source} refused to give part of the content.`;
    case 'redirected':
      return redirectWords(source, details.redirectedTo ?? 'no address');
    case 'not-found':
      return details.localOnly
        ? `${source} does not have this content (it looked only in its own storage, not on the network).`
        : `${source} does not have this content.`;
    case 'unsupported':
      if (details.notUnixfs) {
        return `${source} sent blocks that match the CID, but they are not a valid file or folder: Cairn cannot check further.`;
      }
      if (details.identityBytes) {
        return `This content links to a CID holding ${details.identityBytes} bytes itself, more than Kubo allows: Cairn cannot check further.`;
      }
      return details.codec
        ? 'Cairn checks files and folders only, and this CID is another kind of data.'
        : uncheckableWords(details);
    case 'skipped':
      if (details.skippedFor === 'offline')
        return 'Not asked: offline mode is on, and Cairn contacts no gateway outside this computer.';
      if (details.skippedFor === 'inline') return inlineWords;
      return details.skippedFor === 'no-link' ? `Not asked: ${message}` : 'Not asked.';
    case 'cancelled':
      return 'Cancelled.';
  }
}
