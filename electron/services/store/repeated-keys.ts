/**
 * The keys that appear more than once in one object of a JSON text, where each is: JSON.parse
 * keeps the last silently, so the ones before it would be lost at the next write without a word.
 * Cairn writes none; an editor, a merge or a script may. `text` must be valid JSON. Past `most`
 * found, the rest are not looked for (damage, not an edit: the file goes aside all the same).
 */
export function repeatedKeys(text: string, most = 100): string[] {
  const found: string[] = [];
  /** The containers open at this point: an object's keys so far and the key being read, or an array's index. */
  const open: ({ keys: Set<string>; key: string | null; expectKey: boolean } | { index: number })[] = [];
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === QUOTE) {
      const end = stringEnd(text, at);
      const top = open.at(-1);
      if (top && 'keys' in top && top.expectKey) {
        const literal = text.slice(at, end + 1);
        const key = literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
        if (top.keys.has(key) && found.push(pathOf(open, key)) >= most) return found;
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      at = end;
    } else if (char === OPEN_OBJECT) open.push({ keys: new Set(), key: null, expectKey: true });
    else if (char === OPEN_ARRAY) open.push({ index: 0 });
    else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) open.pop();
    else if (char === COMMA) {
      const top = open.at(-1);
      if (top && 'keys' in top) top.expectKey = true;
      else if (top) top.index += 1;
    }
  }
  return found;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Where the string starting at `start` ends: its closing quote, the first one not escaped. */
function stringEnd(text: string, start: number): number {
  for (let from = start + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/** `secrets."pinsvc:a:token"`, `pins.services.1.id`: where the repeated key is. */
function pathOf(open: ({ key: string | null } | { index: number })[], key: string): string {
  const parents = open.slice(0, -1).map((frame) => ('index' in frame ? String(frame.index) : plain(frame.key ?? '')));
  return [...parents, plain(key)].join('.');
}

const plain = (key: string) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key));
