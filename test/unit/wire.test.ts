import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from '../../shared/ipc/wire';

async function roundTrip(value: unknown): Promise<unknown> {
  return decodeRequest(new Uint8Array(await encodeRequest(value).arrayBuffer()));
}

describe('the bridge request format', () => {
  it('carries byte arrays as raw bytes after the JSON', async () => {
    const big = Buffer.from(new Uint8Array(300_000).map((_, i) => i % 251));
    const value = {
      name: 'a\nb.bin',
      data: new Uint8Array([0, 1, 10, 255]),
      nested: [{ data: new Uint8Array(0) }, big],
    };
    const blob = encodeRequest(value);
    // JSON, a newline, then the bytes: no base64 inflation.
    expect(blob.size).toBeLessThan(4 + 300_000 + 200);
    const decoded = (await roundTrip(value)) as typeof value;
    expect(decoded.name).toBe('a\nb.bin');
    expect(decoded.data).toBeInstanceOf(Uint8Array);
    expect([...decoded.data]).toEqual([0, 1, 10, 255]);
    expect(decoded.nested[0]).toEqual({ data: new Uint8Array(0) });
    expect(Buffer.from(decoded.nested[1] as Uint8Array).equals(Buffer.from(big))).toBe(true);
  });

  it('is plain JSON when there are no bytes', async () => {
    expect(await encodeRequest({ folder: '/' }).text()).toBe('{"folder":"/"}');
    expect(await roundTrip('op-1')).toBe('op-1');
  });

  it('refuses a byte array that runs past the body, and leaves look-alike objects alone', () => {
    const body = new TextEncoder().encode('{"data":{"$blob":[0,5]}}\nabc');
    expect(() => decodeRequest(body)).toThrow(/past the end/);
    expect(decodeRequest(new TextEncoder().encode('{"$blob":[0,1],"other":1}'))).toEqual({ $blob: [0, 1], other: 1 });
  });
});
