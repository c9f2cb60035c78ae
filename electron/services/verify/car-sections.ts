import { bytesReader, readHeader } from '@ipld/car/decoder';
import { varint } from 'multiformats';
import { CID } from 'multiformats/cid';
import { BodyTooLarge } from '../gateway-request';
import type { BodyReader } from './body-reader';

/** A CARv1 header holds a version and the roots (a gateway names one), a CARv2's padding before its payload little: ample. */
const MAX_HEADER_BYTES = 64 * 1024;
/**
 * The longest CID Kubo takes: version, codec and hash code varints (a few bytes each), the length's
 * (two bytes), and a digest of 128 bytes at most (verifcid's bound: blake3 and identity reach it).
 */
const MAX_CID_BYTES = 160;
/** A varint longer than this claims more than any part of a CAR Cairn reads can be. */
const MAX_VARINT_BYTES = 8;

/** A CAR that breaks its own format (as opposed to one that breaks off). */
export class MalformedCar extends Error {}

export interface CarSection {
  /** The CID the section names, unchecked. */
  cid: CID;
  /** The block's bytes, in the parts they arrived in. */
  parts: Buffer[];
}

/** How a CAR's Content-Type says its blocks are laid out (IPIP-412): an order unsaid is unknown. */
export interface CarLayout {
  order: string;
  dups: string;
}

export function carLayoutOf(contentType: string): CarLayout {
  const params = new Map(
    contentType
      .split(';')
      .slice(1)
      .map((param) => param.trim().split('=') as [string, string | undefined]),
  );
  return { order: params.get('order') || 'unk', dups: params.get('dups') || 'unsaid' };
}

/** What a CAR's header says: the roots it names, and where its blocks end (a CARv2's payload; null: the answer's end). */
export interface CarHeader {
  roots: CID[];
  blocksEnd: number | null;
}

/** A CARv2 starts with this "header" of version 2 (its pragma), then a fixed 40-byte header of its own. */
const CARV2_PRAGMA = Buffer.from('0aa16776657273696f6e02', 'hex');
const CARV2_HEADER_BYTES = 40;

/**
 * Reads and checks a CAR's header. A CARv2 (pragma, its own header, a CARv1 payload, maybe an index)
 * is read as the CARv1 inside it, whose blocks end where the CARv2 header says. Every length is
 * refused as soon as it is read, before a byte more is buffered: a gateway must not make Cairn hold
 * what it claims.
 */
export async function readCarHeader(reader: BodyReader): Promise<CarHeader> {
  const header = await headerBytes(reader);
  if (!header.equals(CARV2_PRAGMA)) return { roots: await rootsOf(header), blocksEnd: null };
  const v2 = Buffer.concat(await reader.take(CARV2_HEADER_BYTES));
  // Characteristics (16 bytes), then the payload's offset and size, and the index's offset, little-endian.
  const dataOffset = Number(v2.readBigUInt64LE(16));
  const dataSize = Number(v2.readBigUInt64LE(24));
  const padding = dataOffset - reader.at;
  if (padding < 0 || padding > MAX_HEADER_BYTES) {
    throw new MalformedCar(`its CARv2 header puts the CARv1 payload at byte ${dataOffset}`);
  }
  await reader.take(padding);
  const roots = await rootsOf(await headerBytes(reader));
  const blocksEnd = dataOffset + dataSize;
  // A payload ending before its blocks can start would read as a CAR of none: a gateway without the CID.
  if (reader.at > blocksEnd) {
    throw new MalformedCar(`its CARv1 header runs past the end of the CARv2 payload, at byte ${blocksEnd}`);
  }
  return { roots, blocksEnd };
}

/** A CARv1 header's bytes, its length varint included. */
async function headerBytes(reader: BodyReader): Promise<Buffer> {
  const length = await readLength(reader);
  if (length > MAX_HEADER_BYTES) {
    throw new MalformedCar(`its header claims ${length} bytes, more than a header can need`);
  }
  const prefix = new Uint8Array(varint.encodingLength(length));
  varint.encodeTo(length, prefix);
  return Buffer.concat([prefix, ...(await reader.take(length))]);
}

async function rootsOf(header: Buffer): Promise<CID[]> {
  try {
    return (await readHeader(bytesReader(header), 1)).roots;
  } catch (error) {
    throw new MalformedCar(`its header is not valid (${(error as Error).message})`);
  }
}

/**
 * The next section of a CAR, or null where the answer (or a CARv2's payload) ends between sections. A section longer
 * than any block with its CID can be is refused as soon as its length is read.
 */
export async function nextCarSection(
  reader: BodyReader,
  maxBlockBytes: number,
  blocksEnd: number | null,
): Promise<CarSection | null> {
  if (blocksEnd === null ? !(await reader.more()) : reader.at >= blocksEnd) return null;
  const length = await readLength(reader);
  if (length === 0) throw new MalformedCar('a section has zero length');
  if (length > maxBlockBytes + MAX_CID_BYTES) throw new BodyTooLarge(maxBlockBytes);
  if (blocksEnd !== null && reader.at + length > blocksEnd) {
    throw new MalformedCar('a section runs past the end of the CARv2 payload');
  }
  const parts = await reader.take(length);
  const cid = cidAtStart(parts, length);
  return { cid, parts: withoutFirst(parts, cid.bytes.byteLength) };
}

async function readLength(reader: BodyReader): Promise<number> {
  let length = 0;
  for (let index = 0; index < MAX_VARINT_BYTES; index++) {
    const byte = (await reader.take(1))[0]?.[0] as number;
    length += (byte & 0x7f) * 2 ** (7 * index);
    if (byte < 0x80) return length;
  }
  throw new MalformedCar(`a length runs past ${MAX_VARINT_BYTES} bytes`);
}

function cidAtStart(parts: Buffer[], length: number): CID {
  const start = Buffer.concat(parts, Math.min(length, MAX_CID_BYTES));
  try {
    return CID.decodeFirst(start)[0];
  } catch (error) {
    throw new MalformedCar(`a section does not start with a CID (${(error as Error).message})`);
  }
}

function withoutFirst(parts: Buffer[], count: number): Buffer[] {
  const rest: Buffer[] = [];
  let skip = count;
  for (const part of parts) {
    if (skip >= part.length) skip -= part.length;
    else {
      rest.push(part.subarray(skip));
      skip = 0;
    }
  }
  return rest;
}
