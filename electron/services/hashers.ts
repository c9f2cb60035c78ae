import { createHash, getHashes } from 'node:crypto';
import { createRequire } from 'node:module';
import * as blake2 from '@noble/hashes/blake2.js';
import * as blake3 from '@noble/hashes/blake3.js';
import * as sha3 from '@noble/hashes/sha3.js';

export interface Hasher {
  update(part: Uint8Array): unknown;
  digest(): Uint8Array | Buffer;
}

/** What hashing takes: Node's crypto, the names it computes, and @noble/hashes' modules for the rest. */
export type HashLibrary = { createHash: typeof createHash; native: ReadonlySet<string> } & typeof blake2 &
  typeof blake3 &
  typeof sha3;

/** The @noble/hashes modules a library holds: a hashing thread imports them itself, by path. */
const NOBLE_MODULES = ['@noble/hashes/blake2.js', '@noble/hashes/blake3.js', '@noble/hashes/sha3.js'];

export const mainLibrary: HashLibrary = { createHash, native: new Set(getHashes()), ...blake2, ...blake3, ...sha3 };

/** Where this process finds NOBLE_MODULES, for a thread to import. */
export function nobleModulePaths(): string[] {
  const require = createRequire(import.meta.url);
  return NOBLE_MODULES.map((name) => require.resolve(name));
}

/**
 * The hasher of a multihash code, `length` bytes wanted (blake3's is free), or null for a function
 * Cairn does not compute. Node's own where its crypto computes exactly that function: OpenSSL has
 * sha3, shake256 and the two blake2 of full length (blake2b-512, blake2s-256; a shorter blake2 has
 * another parameter block, so another function), Electron's BoringSSL none of them. @noble/hashes
 * for the rest, some ten times slower. It uses nothing but its arguments: a hashing thread
 * evaluates its source too.
 */
export function hasherOf(lib: HashLibrary, code: number, length: number): Hasher | null {
  // No function expression in here: a bundler keeping names would wrap it in a helper the thread lacks.
  const native = lib.native;
  switch (code) {
    // sha1 is collision-broken, but Kubo adds, fetches and serves it (verifcid allows it): checked as Kubo would.
    case 0x11:
      return lib.createHash('sha1');
    case 0x12:
      return lib.createHash('sha256');
    case 0x13:
      return lib.createHash('sha512');
    case 0x14:
      return native.has('sha3-512') ? lib.createHash('sha3-512') : lib.sha3_512.create();
    case 0x15:
      return native.has('sha3-384') ? lib.createHash('sha3-384') : lib.sha3_384.create();
    case 0x16:
      return native.has('sha3-256') ? lib.createHash('sha3-256') : lib.sha3_256.create();
    case 0x17:
      return native.has('sha3-224') ? lib.createHash('sha3-224') : lib.sha3_224.create();
    // go-multihash's shake-256 gives 64 bytes, which `ipfs add --hash=shake-256` writes.
    case 0x19:
      return native.has('shake256')
        ? lib.createHash('shake256', { outputLength: 64 })
        : lib.shake256.create({ dkLen: 64 });
    case 0x1a:
      return lib.keccak_224.create();
    case 0x1b:
      return lib.keccak_256.create();
    case 0x1c:
      return lib.keccak_384.create();
    case 0x1d:
      return lib.keccak_512.create();
    case 0x1e:
      return lib.blake3.create({ dkLen: length });
    // dbl-sha2-256: sha2-256 of the bytes' sha2-256 digest.
    case 0x56: {
      const inner = lib.createHash('sha256');
      return {
        update(part: Uint8Array) {
          return inner.update(part);
        },
        digest() {
          return lib.createHash('sha256').update(inner.digest()).digest();
        },
      };
    }
    case 0xb240:
      return native.has('blake2b512') ? lib.createHash('blake2b512') : lib.blake2b.create({ dkLen: 64 });
    case 0xb260:
      return native.has('blake2s256') ? lib.createHash('blake2s256') : lib.blake2s.create({ dkLen: 32 });
  }
  // blake2b-8 to blake2b-512 and blake2s-8 to blake2s-256: the code says the digest's length in bytes.
  if (code > 0xb200 && code < 0xb240) return lib.blake2b.create({ dkLen: code - 0xb200 });
  if (code > 0xb240 && code < 0xb260) return lib.blake2s.create({ dkLen: code - 0xb240 });
  return null;
}
