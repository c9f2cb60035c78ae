import { createHash } from 'node:crypto';

const SHA2_256 = 0x12;
const SHA2_512 = 0x13;
const IDENTITY = 0x00;

/**
 * The hex digest of these bytes with the CID's hash function, or null for one Cairn cannot compute.
 * The bytes may come in parts as they were received: hashed one after the other, never joined.
 */
export function digestOf(code: number, bytes: Uint8Array | readonly Uint8Array[]): string | null {
  const parts = bytes instanceof Uint8Array ? [bytes] : bytes;
  const algorithm = code === SHA2_256 ? 'sha256' : code === SHA2_512 ? 'sha512' : null;
  if (algorithm) {
    const hash = createHash(algorithm);
    for (const part of parts) hash.update(part);
    return hash.digest('hex');
  }
  if (code === IDENTITY) return Buffer.concat(parts).toString('hex');
  return null;
}
