import { randomBytes } from 'node:crypto';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { hasherOf, mainLibrary, type HashLibrary } from '../../electron/services/hashers';

// Each function hashed with Node's own crypto where it has it, by multihash code and Node's name.
const mapped = [
  [0x14, 'sha3-512'],
  [0x15, 'sha3-384'],
  [0x16, 'sha3-256'],
  [0x17, 'sha3-224'],
  [0x19, 'shake256'],
  [0xb240, 'blake2b512'],
  [0xb260, 'blake2s256'],
] as const;
// What Electron's BoringSSL gives: none of them, so @noble/hashes computes each.
const nobleOnly: HashLibrary = { ...mainLibrary, native: new Set() };
const inputs = [new Uint8Array(0), new Uint8Array([0x61]), randomBytes(1024 * 1024 + 7)];
const hex = (lib: HashLibrary, code: number, bytes: Uint8Array, length = 64) => {
  const hasher = hasherOf(lib, code, length);
  hasher?.update(bytes);
  return Buffer.from(hasher?.digest() ?? []).toString('hex');
};

describe('hashers', () => {
  it.each(mapped)("computes multihash %i with Node's %s exactly as @noble/hashes does", (code, name) => {
    expect(mainLibrary.native.has(name)).toBe(true);
    expect(hasherOf(mainLibrary, code, 64)?.constructor.name).toBe('Hash');
    for (const bytes of inputs) expect(hex(mainLibrary, code, bytes)).toBe(hex(nobleOnly, code, bytes));
  });

  it("keeps shorter blake2 with @noble/hashes: Node's blake2b512 is another function cut short", () => {
    const blake2b256 = 0xb220;
    expect(hasherOf(mainLibrary, blake2b256, 32)?.constructor.name).not.toBe('Hash');
    const cut = hex(mainLibrary, 0xb240, inputs[1] ?? new Uint8Array()).slice(0, 64);
    expect(hex(mainLibrary, blake2b256, inputs[1] ?? new Uint8Array())).not.toBe(cut);
  });

  it('gives the same hashers from its own source alone, as a hashing thread evaluates it', () => {
    const alone = runInThisContext(`(${hasherOf.toString()})`) as typeof hasherOf;
    for (const code of [0x11, 0x19, 0x1b, 0x1e, 0x56, 0xb220, 0xb240]) {
      const bytes = inputs[2] ?? new Uint8Array();
      const viaAlone = alone(mainLibrary, code, 32);
      viaAlone?.update(bytes);
      expect(Buffer.from(viaAlone?.digest() ?? []).toString('hex')).toBe(hex(mainLibrary, code, bytes, 32));
    }
  });
});
