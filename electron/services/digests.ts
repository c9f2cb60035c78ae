import { createHash } from 'node:crypto';

const SHA2_256 = 0x12;
const SHA2_512 = 0x13;
const IDENTITY = 0x00;

/** The hex digest of these bytes with the CID's hash function, or null for one Cairn cannot compute. */
export function digestOf(code: number, bytes: Uint8Array): string | null {
  if (code === SHA2_256) return createHash('sha256').update(bytes).digest('hex');
  if (code === SHA2_512) return createHash('sha512').update(bytes).digest('hex');
  if (code === IDENTITY) return Buffer.from(bytes).toString('hex');
  return null;
}
