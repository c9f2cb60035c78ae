import { z } from 'zod';

/** Past this many ms from 1970, either way, a Date holds no time (it reads "Invalid Date"). */
const MAX_DATE_MS = 8.64e15;

/**
 * A time in ms since 1970, in whole ms, that a Date can hold: Cairn writes no other, so a time of
 * 1e300 (shown as "Invalid Date", or a check due never) leaves its entry out and the file aside.
 */
export const storedInstant = z.number().int().min(-MAX_DATE_MS).max(MAX_DATE_MS);

/** A time written as Date#toISOString writes it: text no Date reads is left out with its entry, as above. */
export const storedDateText = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date');
