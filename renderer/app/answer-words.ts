/**
 * What a source's answer was, in the words both Share's gateway check and Verify use: the same
 * answer reads the same in both. Each takes the source's name (a gateway's host) and the answer's
 * parameters; the view adds what it alone knows (how many blocks matched before).
 */

const NO_NODE_PROVIDES =
  'That usually means no node that is online provides it: pin it to a pinning service, or keep your node online, and try again.';

/** An HTTP status a gateway answered with, in words. */
export function httpWords(host: string, httpStatus: number): string {
  if (httpStatus === 504) return `${host} timed out looking for the content. ${NO_NODE_PROVIDES}`;
  if (httpStatus === 404 || httpStatus === 410) return `${host} does not have this content.`;
  if (httpStatus >= 500) return `${host} failed with a server error.`;
  return `${host} refused the request.`;
}

/** The wait a gateway asked for (Retry-After: seconds or a date), as a sentence to follow another. */
export function waitWords(retryAfter: string | null): string {
  if (retryAfter === null) return '';
  return /^\d+$/.test(retryAfter) ? ` It asks to wait ${retryAfter} s.` : ` It asks to wait until ${retryAfter}.`;
}

export const unreachableWords = (host: string): string =>
  `${host} cannot be reached: check its address and this computer’s connection.`;

export const rateLimitedWords = (host: string, retryAfter: string | null): string =>
  `${host} is rate limiting requests.${waitWords(retryAfter)}`;

export const tamperedWords = (host: string): string =>
  `${host} sent data that does not match the CID: it was changed or damaged on the way.`;

/** An answer of another type than the verifiable one asked for (a page, the file itself). */
export function untrustlessWords(host: string, sentType: string): string {
  return sentType.includes('text/html')
    ? `${host} sent a web page instead of the content.`
    : `${host} sent the content in a form that cannot be checked: it ignores requests for verifiable data.`;
}

export const encodedWords = (host: string, coding: string): string =>
  `${host} sent the content compressed (${coding}) without being asked to: Cairn checks the bytes as sent, so it was not checked.`;

export const redirectWords = (host: string, location: string): string =>
  `${host} sent no content but pointed elsewhere (${location}). Cairn checks only what the source you chose sends: add that gateway to check it there.`;

/** A 206 to a request for the whole, as a clause: the view ends the sentence. */
export const partialWords = (host: string): string =>
  `${host} sent only part of a block (HTTP 206 Partial Content) where the whole was asked for: nothing from that part was used`;

/** An answer that ended before all was sent, as a clause: the view ends the sentence. */
export const cutShortWords = (host: string): string => `${host} stopped before sending all of it`;

export const stalledWords = (host: string, seconds: number | undefined): string =>
  `${host} stopped sending, or sent too slowly to finish a block${seconds ? ` in ${seconds} seconds` : ''}.`;

export const tooLargeWords = (host: string): string =>
  `${host} sent more for one block than any block can hold, so Cairn stopped reading.`;

export const inlineWords =
  'Not asked: this CID holds its content itself, so no source sends it and none can be checked by it.';

/** Why no bytes can be checked against a CID: its digest's length, or a hash function Cairn lacks. */
export function uncheckableWords(problem: { digestProblem?: 'too-long' | 'too-short'; digestBytes?: number }): string {
  const bytes = problem.digestBytes ?? '?';
  if (problem.digestProblem === 'too-long') {
    return `This CID cannot be checked: it declares a ${bytes}-byte hash, longer than its hash function makes, so no content can ever match it.`;
  }
  if (problem.digestProblem === 'too-short') {
    return `This CID cannot be checked: its hash is only ${bytes} bytes, too short for a match to prove anything.`;
  }
  return 'Cairn cannot check the hash function of this CID.';
}
