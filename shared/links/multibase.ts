import type { MultibaseDecoder } from 'multiformats/bases/interface';
import { bases } from 'multiformats/basics';

type Base = (typeof bases)[keyof typeof bases];

/**
 * The multibases multiformats knows and Kubo (0.43.1, `ipfs cid bases`) does not: a CID written in one
 * is no CID to Kubo ("selected encoding not supported"), to any gateway, or to any tool built on Go's
 * multibase, so it is not read as one here either.
 */
const UNREAD_BY_KUBO = new Set(['base8', 'base10', 'base32z']);
const KUBO_BASES = Object.values(bases).filter((base) => !UNREAD_BY_KUBO.has(base.name));

/** The multibase a CIDv1's text is written in, by its prefix (one code point: base256emoji's is two UTF-16 units). */
export function multibaseOf(text: string): Base | undefined {
  return KUBO_BASES.find((candidate) => text.startsWith(candidate.prefix));
}

function unreadBaseOf(text: string): Base | undefined {
  return Object.values(bases).find((base) => UNREAD_BY_KUBO.has(base.name) && text.startsWith(base.prefix));
}

/** The name of the multibase text starts with when it is one Kubo does not read, else undefined. */
export function unreadMultibaseOf(text: string): string | undefined {
  return unreadBaseOf(text)?.name;
}

/** The bytes of text written in a multibase Kubo does not read, to say what they would be; null otherwise. */
export function unreadBytes(text: string): Uint8Array | null {
  try {
    return unreadBaseOf(text)?.decode(text) ?? null;
  } catch {
    return null;
  }
}

/**
 * Every multibase Kubo reads, read as Kubo (Go's decoders) reads it: the bits past the last
 * byte of base32 and base64 text need not be zero (`mAVUAAB` is `mAVUAAA`), but padding must be
 * exactly what the base writes: none in base64, all of it in base64pad.
 */
export const anyBase: MultibaseDecoder<string> = {
  decode(text) {
    const base = multibaseOf(text);
    if (!base) throw new Error(`unknown multibase prefix in ${text}`);
    const bytes = base.decode(withoutSpareBits(text, base));
    if (!paddingFits(padding(text), padding(base.baseEncode(bytes)), base)) {
      throw new Error(`wrong ${base.name} padding in ${text}`);
    }
    return bytes;
  },
};

function padding(text: string): number {
  return /=*$/.exec(text)?.[0].length ?? 0;
}

/**
 * Whether padding of `given` characters reads as the base writes it (`written`). Go's base32 decoder
 * stops at the first `=` of the last group and ignores up to 7 characters after it, so padded base32
 * may have a few `=` more, as long as there are 8 at most.
 */
function paddingFits(given: number, written: number, base: Base): boolean {
  if (given === written) return true;
  return base.name.startsWith('base32') && base.name.includes('pad') && written > 0 && given > written && given <= 8;
}

/** Bits one character carries in the RFC 4648 bases (base2, base8, base16, base32…, base64…); null in the others. */
function bitsPerChar(base: Base): number | null {
  const size = /^base(2|8|16|32|64)(?!\d)/.exec(base.name)?.[1];
  return size ? Math.log2(Number(size)) : null;
}

/** The characters of an RFC 4648 base by value: value i is the first character of the byte i << (8 - bits). */
function alphabetOf(base: Base, bits: number): string[] {
  return Array.from({ length: 2 ** bits }, (_, value) => base.baseEncode(Uint8Array.of(value << (8 - bits))).charAt(0));
}

/**
 * The text with the spare bits of its last character set to zero, as encoders write them. A last
 * character that holds no whole byte's bits at all stays, for the decoder to refuse, as Kubo does.
 */
function withoutSpareBits(text: string, base: Base): string {
  const bits = bitsPerChar(base);
  const body = text.slice(base.prefix.length, text.length - padding(text));
  const spare = bits ? (body.length * bits) % 8 : 0;
  if (!bits || spare === 0 || spare >= bits) return text;
  const alphabet = alphabetOf(base, bits);
  const last = body.charAt(body.length - 1);
  // base32 and base36 are read in either letter case.
  const value = [last, last.toLowerCase(), last.toUpperCase()]
    .map((char) => alphabet.indexOf(char))
    .find((index) => index >= 0);
  if (value === undefined) return text;
  const cleared = alphabet[value & ~((1 << spare) - 1)] ?? last;
  const end = base.prefix.length + body.length;
  return text.slice(0, end - 1) + cleared + text.slice(end);
}
