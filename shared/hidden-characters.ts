/**
 * Characters a name can hold that a person does not see, or that change how the text around them
 * reads: bidi overrides, embeddings and isolates (`invoice\u202Efdp.exe` shows as "invoiceexe.pdf"),
 * zero-width and other format characters, line separators, C0 and C1 controls. Names come from
 * content anyone can craft, so these are shown as markers and refused on disk.
 *
 * Two kinds are legitimate where a script needs them, and are kept as they are there: a direction
 * mark (LRM, RLM, ALM) in a name written partly in a right-to-left script, and a zero-width joiner
 * or non-joiner between two non-ASCII characters (Persian words, Indic conjuncts, emoji sequences).
 */
export type HiddenKind = 'reorders' | 'mark' | 'joiner' | 'invisible';

export interface HiddenCharacter {
  /** "U+202E" */
  code: string;
  kind: HiddenKind;
  /** What it is, in words: "right-to-left override". */
  what: string;
}

export type NamePart = { text: string } | { hidden: HiddenCharacter };

/** The name cut into visible text and the hidden characters that are not legitimate where they stand. */
export function nameParts(name: string): NamePart[] {
  // Code points, not graphemes: a hidden character is one code point wherever it stands.
  const characters = Array.from(name);
  const rightToLeft = RIGHT_TO_LEFT.test(name.replace(HIDDEN_GLOBAL, ''));
  const parts: NamePart[] = [];
  let text = '';
  characters.forEach((character, index) => {
    const hidden = classify(character);
    if (!hidden || legitimate(hidden.kind, rightToLeft, characters[index - 1], characters[index + 1])) {
      text += character;
      return;
    }
    if (text) parts.push({ text });
    text = '';
    parts.push({ hidden });
  });
  if (text) parts.push({ text });
  return parts;
}

/** The hidden characters of a name that are not legitimate where they stand, in order. */
export function deceptiveCharacters(name: string): HiddenCharacter[] {
  return nameParts(name).flatMap((part) => ('hidden' in part ? [part.hidden] : []));
}

/** The marker shown in place of a hidden character: ⟨U+202E⟩. */
export const markerText = (hidden: HiddenCharacter): string => `⟨${hidden.code}⟩`;

/** The name as plain text a person can read honestly, each hidden character as its marker. */
export function revealName(name: string): string {
  return nameParts(name)
    .map((part) => ('hidden' in part ? markerText(part.hidden) : part.text))
    .join('');
}

/** Text that may quote names (a notice, its details), revealed line by line: its own line breaks stay. */
export function revealLines(text: string): string {
  return text.split('\n').map(revealName).join('\n');
}

/**
 * Text with each marker Cairn draws (⟨U+202E⟩) read back as the hidden character it stands for: a
 * name copied as shown, pasted into a search, finds the name it was shown for.
 */
export function unmarked(text: string): string {
  return text.replace(/⟨U\+([0-9A-F]{4,6})⟩/g, (marker, hex: string) => {
    const point = Number.parseInt(hex, 16);
    const character = point <= 0x10ffff ? String.fromCodePoint(point) : '';
    return classify(character) ? character : marker;
  });
}

/** The name with its deceptive characters left out: a starting point the user then confirms. */
export function withoutDeceptive(name: string): string {
  return nameParts(name)
    .map((part) => ('hidden' in part ? '' : part.text))
    .join('');
}

function classify(character: string): HiddenCharacter | null {
  if (!HIDDEN.test(character)) return null;
  const point = character.codePointAt(0) ?? 0;
  const code = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind: HiddenKind = REORDERS.test(character)
    ? 'reorders'
    : MARKS.test(character)
      ? 'mark'
      : JOINERS.test(character)
        ? 'joiner'
        : 'invisible';
  const what = WHAT[point] ?? (/\p{Cc}/u.test(character) ? 'control character' : 'invisible character');
  return { code, kind, what };
}

function legitimate(kind: HiddenKind, rightToLeft: boolean, before?: string, after?: string): boolean {
  if (kind === 'mark') return rightToLeft;
  if (kind !== 'joiner') return false;
  const letter = (neighbour?: string) =>
    neighbour !== undefined && (neighbour.codePointAt(0) ?? 0) > 0x7f && !HIDDEN.test(neighbour);
  return letter(before) && letter(after);
}

/*
 * Controls and format characters, line and paragraph separators, Hangul fillers; not the
 * prepended concatenation marks (Arabic number signs and the like), which are drawn.
 */
const HIDDEN_SOURCE =
  '(?![\\u0600-\\u0605\\u06DD\\u070F\\u0890\\u0891\\u08E2\\u{110BD}\\u{110CD}])[\\p{Cc}\\p{Cf}\\u2028\\u2029\\u115F\\u1160\\u3164\\uFFA0]';
const HIDDEN = new RegExp(HIDDEN_SOURCE, 'u');
const HIDDEN_GLOBAL = new RegExp(HIDDEN_SOURCE, 'gu');
const REORDERS = /[\u202A-\u202E\u2066-\u2069]/;
const MARKS = /[\u200E\u200F\u061C]/;
const JOINERS = /[\u200C\u200D]/;
/** Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

const WHAT: Record<number, string> = {
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x061c: 'Arabic letter mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'end of embedding or override',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first-strong isolate',
  0x2069: 'end of isolate',
  0xfeff: 'zero-width no-break space',
  0x00ad: 'soft hyphen',
};

/**
 * Text a person pasted or content holds, quoted inside a sentence, each of its hidden characters
 * shown as its marker: no control is left in it to reorder the sentence around it. Not wrapped in
 * isolates: messages are shown through `revealLines`, which would show those as markers too.
 */
export function quoted(text: string): string {
  return `“${revealName(text)}”`;
}
