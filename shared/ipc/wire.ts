/**
 * The test bridge's request format, which carries what Electron's structured clone would: the
 * JSON of the request up to the first newline (JSON text never holds a raw one), then the bytes of
 * every byte array in it, each named in the JSON by `{ "$blob": [offset, length] }`. Bytes travel
 * as they are, streamed from a Blob: no base64, no JSON string as large as the file.
 */
export function encodeRequest(value: unknown): Blob {
  const blobs: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  // The holder's own value: a Buffer's toJSON has already turned `v` into an array of numbers.
  const json = JSON.stringify(value ?? null, function (this: Record<string, unknown>, key, v: unknown) {
    const original = this[key];
    if (!(original instanceof Uint8Array)) return v;
    blobs.push(original as Uint8Array<ArrayBuffer>);
    offset += original.byteLength;
    return { $blob: [offset - original.byteLength, original.byteLength] };
  });
  return new Blob(blobs.length > 0 ? [json, '\n', ...blobs] : [json]);
}

const NEWLINE = 0x0a;

export function decodeRequest(body: Uint8Array): unknown {
  const end = body.indexOf(NEWLINE);
  const json = new TextDecoder().decode(end === -1 ? body : body.subarray(0, end));
  const blobs = end === -1 ? new Uint8Array(0) : body.subarray(end + 1);
  return JSON.parse(json, (_key, v: unknown) => {
    if (!isBlobRef(v)) return v;
    const [start, length] = v.$blob;
    if (start + length > blobs.byteLength) throw new Error('a byte array runs past the end of the request');
    return blobs.subarray(start, start + length);
  });
}

function isBlobRef(v: unknown): v is { $blob: [number, number] } {
  if (!v || typeof v !== 'object' || !('$blob' in v) || Object.keys(v).length !== 1) return false;
  const ref = v.$blob;
  return Array.isArray(ref) && ref.length === 2 && ref.every((n) => Number.isSafeInteger(n) && n >= 0);
}
