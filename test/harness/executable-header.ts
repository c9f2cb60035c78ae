import { open } from 'node:fs/promises';

export type ExecutableFormat = 'ELF' | 'Mach-O' | 'PE';
export type Architecture = 'x64' | 'arm64' | 'other';

export interface ExecutableHeader {
  format: ExecutableFormat;
  arch: Architecture;
}

// Machine codes from the ELF, Mach-O and PE/COFF specifications, named as electron-builder names arches.
const ELF_MACHINES: Record<number, Architecture> = { 0x3e: 'x64', 0xb7: 'arm64' };
const MACHO_CPU_TYPES: Record<number, Architecture> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const PE_MACHINES: Record<number, Architecture> = { 0x8664: 'x64', 0xaa64: 'arm64' };

/** Reads the format and target architecture of an executable from its first bytes. */
export async function readExecutableHeader(path: string): Promise<ExecutableHeader> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return parseExecutableHeader(head.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

export function parseExecutableHeader(head: Buffer): ExecutableHeader {
  if (head.length >= 20 && head.readUInt32BE(0) === 0x7f454c46) {
    // e_ident[EI_DATA] says the byte order of e_machine: 1 little-endian, 2 big-endian.
    const machine = head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18);
    return { format: 'ELF', arch: ELF_MACHINES[machine] ?? 'other' };
  }
  // MH_MAGIC_64 in the file's (little-endian) byte order.
  if (head.length >= 8 && head.readUInt32LE(0) === 0xfeedfacf) {
    return { format: 'Mach-O', arch: MACHO_CPU_TYPES[head.readUInt32LE(4)] ?? 'other' };
  }
  if (head.length >= 64 && head.toString('latin1', 0, 2) === 'MZ') {
    const peOffset = head.readUInt32LE(0x3c);
    if (head.length >= peOffset + 6 && head.readUInt32BE(peOffset) === 0x50450000) {
      return { format: 'PE', arch: PE_MACHINES[head.readUInt16LE(peOffset + 4)] ?? 'other' };
    }
  }
  throw new Error('not an ELF, 64-bit Mach-O or PE executable');
}
