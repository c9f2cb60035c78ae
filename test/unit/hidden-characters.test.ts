import { describe, expect, it } from 'vitest';
import {
  deceptiveCharacters,
  nameParts,
  revealLines,
  revealName,
  withoutDeceptive,
} from '../../shared/hidden-characters';

describe('hidden characters in names', () => {
  it('shows a right-to-left override as a marker, so the real extension reads last', () => {
    expect(revealName('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
    expect(deceptiveCharacters('invoice\u202Efdp.exe')).toEqual([
      { code: 'U+202E', kind: 'reorders', what: 'right-to-left override' },
    ]);
    expect(withoutDeceptive('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it.each([
    ['\u202A', 'reorders'],
    ['\u202B', 'reorders'],
    ['\u202C', 'reorders'],
    ['\u202D', 'reorders'],
    ['\u2066', 'reorders'],
    ['\u2067', 'reorders'],
    ['\u2068', 'reorders'],
    ['\u2069', 'reorders'],
    ['\u200B', 'invisible'],
    ['\u200E', 'mark'],
    ['\u200F', 'mark'],
    ['\u061C', 'mark'],
    ['\u200C', 'joiner'],
    ['\u200D', 'joiner'],
    ['\u2028', 'invisible'],
    ['\u2029', 'invisible'],
    ['\uFEFF', 'invisible'],
    ['\u2060', 'invisible'],
    ['\u00AD', 'invisible'],
    ['\u0000', 'invisible'],
    ['\u001B', 'invisible'],
    ['\u007F', 'invisible'],
    ['\u0085', 'invisible'],
    ['\u009B', 'invisible'],
    ['\u3164', 'invisible'],
    ['\u{E0041}', 'invisible'],
  ])('marks %j in a Latin name (%s)', (character, kind) => {
    const found = deceptiveCharacters(`report${character}.txt`);
    expect(found).toHaveLength(1);
    expect(found[0]?.kind).toBe(kind);
    expect(revealName(`report${character}.txt`)).toMatch(/^report⟨U\+[0-9A-F]{4,5}⟩\.txt$/);
  });

  it.each([
    'report.pdf',
    'консоль.txt',
    'שלום.txt',
    'مرحبا بالعالم.pdf',
    // a right-to-left mark keeps the extension's dot where the author meant in a Hebrew name
    'שלום\u200F.txt',
    '\u200Fمرحبا.pdf',
    'فایل\u061C.txt',
    // Persian: the non-joiner between two letters is spelling
    'می\u200Cخواهم.txt',
    // emoji sequences: family, and heart on fire
    '👨\u200D👩\u200D👧.png',
    '❤️\u200D🔥.gif',
    // Arabic number sign: a prepended mark that is drawn
    '\u0600١٢.txt',
  ])('keeps %j whole', (name) => {
    expect(deceptiveCharacters(name)).toEqual([]);
    expect(nameParts(name)).toEqual([{ text: name }]);
    expect(revealName(name)).toBe(name);
  });

  it('marks a direction mark in a name with no right-to-left letter, and a joiner between ASCII letters', () => {
    expect(revealName('photo\u200F.jpg')).toBe('photo⟨U+200F⟩.jpg');
    expect(revealName('a\u200Db.txt')).toBe('a⟨U+200D⟩b.txt');
    expect(revealName('\u200Cabc')).toBe('⟨U+200C⟩abc');
  });

  it('marks overrides even in a right-to-left name', () => {
    expect(revealName('שלום\u202Etxt.exe')).toBe('שלום⟨U+202E⟩txt.exe');
  });

  it('cuts a name into text and markers in order', () => {
    expect(nameParts('a\u202Eb\u200Bc')).toEqual([
      { text: 'a' },
      { hidden: { code: 'U+202E', kind: 'reorders', what: 'right-to-left override' } },
      { text: 'b' },
      { hidden: { code: 'U+200B', kind: 'invisible', what: 'zero-width space' } },
      { text: 'c' },
    ]);
  });

  it('reveals text that quotes names line by line, keeping its own line breaks', () => {
    expect(revealLines('Deleted “a\u202Eb”.\nDetails: “c\u200Bd”')).toBe(
      'Deleted “a⟨U+202E⟩b”.\nDetails: “c⟨U+200B⟩d”',
    );
  });
});
