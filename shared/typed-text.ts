import { deceptiveCharacters, markerText } from './hidden-characters';

/**
 * What makes text a person typed as a name (a folder, a key, a service, a pin and its metadata)
 * read as other text to whoever sees it, or null. Refused where it is typed rather than shown with
 * markers later: "invoice\u202Efdp.exe" would be what others read as "invoiceexe.pdf". A direction
 * mark in right-to-left text and a joiner inside an emoji or a word of a script that needs it are
 * kept, as hidden-characters.ts tells them apart.
 */
export function typedTextProblem(text: string, what = 'a name'): string | null {
  const hidden = deceptiveCharacters(text)[0];
  if (!hidden) return null;
  const effect =
    hidden.kind === 'reorders'
      ? 'it turns the text around it, so it reads as other text'
      : 'it is not seen, so the text reads as other text';
  return `${what} cannot hold ${markerText(hidden)}, a ${hidden.what}: ${effect}`;
}

/**
 * typedTextProblem for text put in the place of `stored` (a settings entry's name as its form sends
 * it back): none when it is the stored text unchanged. A name saved before the rule stays, shown
 * with markers, as an entry moved under its own name does: only text typed now is refused.
 */
export function retypedTextProblem(text: string, stored: string | undefined, what?: string): string | null {
  return text === stored ? null : typedTextProblem(text, what);
}
