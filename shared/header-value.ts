import { deceptiveCharacters, markerText } from './hidden-characters';
import { typedTextProblem } from './typed-text';

/**
 * What keeps a secret a person pasted (a token, an API key) from being sent as an HTTP header
 * value, or null. A line break or other control character cannot go in a header, nor can a
 * character past Latin-1: fetch would refuse the request deep inside, in words about byte strings.
 * Said at the field instead, naming the character.
 */
export function headerValueProblem(value: string, what: string): string | null {
  const bad = Array.from(value).find((character) => {
    const point = character.codePointAt(0) ?? 0;
    return point < 0x20 || (point >= 0x7f && point < 0xa0) || point > 0xff;
  });
  if (bad === undefined) return null;
  return `${what} cannot hold ${named(bad)}: a request cannot carry it in a header`;
}

function named(character: string): string {
  const [hidden] = deceptiveCharacters(character);
  if (!hidden) return `“${character}”`;
  return `${markerText(hidden)}, a ${/[\n\r\u0085\u2028\u2029]/.test(character) ? 'line break' : hidden.what}`;
}

/**
 * What keeps a user name from being sent with Basic auth, or null. Basic auth sends "user:password"
 * and the user name ends at the first colon (RFC 7617): a colon in it makes the rest of it read as
 * the password. It is typed and shown like a name, so it is held to the typed-text rule, which also
 * refuses control characters and line breaks.
 */
export function basicUserNameProblem(username: string): string | null {
  if (username.includes(':')) {
    return 'a user name cannot hold “:”: Basic auth ends the user name at the first colon, and reads the rest as the password';
  }
  return typedTextProblem(username, 'a user name');
}
