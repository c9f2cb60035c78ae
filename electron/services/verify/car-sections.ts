import { bytesReader, readHeader } from '@ipld/car/decoder';
import { varint } from 'multiformats';
import { CID } from 'multiformats/cid';
import { BodyTooLarge } from '../gateway-request';
import type { BodyReader } from './body-reader';

/** A CARv1 header holds a version and the roots; a gateway names one root, so this is ample. */
const MAX_HEADER_BYTES = 64 * 1024;
/** A CID's own bytes: version, codec, hash code and length varints, and a digest of at most 64 bytes. */
const MAX_CID_BYTES = 128;
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

/**
 * Reads and checks a CARv1 header. Its length is refused as soon as it is read, before a byte
 * more is buffered: a gateway must not make Cairn hold what it claims.
 */
export async function readCarHeader(reader: BodyReader): Promise<void> {
  const length = await readLength(reader);
  if (length > MAX_HEADER_BYTES) {
    throw new MalformedCar(`its header claims ${length} bytes, more than a header can need`);
  }
  const prefix = new Uint8Array(varint.encodingLength(length));
  varint.encodeTo(length, prefix);
  const header = Buffer.concat([prefix, ...(await reader.take(length))]);
  try {
    await readHeader(bytesReader(header), 1);
  } catch (error) {
    throw new MalformedCar(`its header is not valid (${(error as Error).message})`);
  }
}

/**
 * The next section of a CAR, or null where the answer ends between sections. A section longer
 * than any block with its CID can be is refused as soon as its length is read.
 */
export async function nextCarSection(reader: BodyReader, maxBlockBytes: number): Promise<CarSection | null> {
  if (!(await reader.more())) return null;
  const length = await readLength(reader);
  if (length === 0) throw new MalformedCar('a section has zero length');
  if (length > maxBlockBytes + MAX_CID_BYTES) throw new BodyTooLarge(maxBlockBytes);
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
