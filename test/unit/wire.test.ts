import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';

describe('the bridge wire format', () => {
  it('carries byte arrays through JSON', () => {
    const value = { name: 'a.bin', data: new Uint8Array([0, 1, 254, 255]), nested: [{ data: new Uint8Array(0) }] };
    const decoded = decodeWire(encodeWire(value)) as typeof value;
    expect(decoded.data).toBeInstanceOf(Uint8Array);
    expect([...decoded.data]).toEqual([0, 1, 254, 255]);
    expect(decoded.nested[0]?.data).toBeInstanceOf(Uint8Array);
    expect(decoded.name).toBe('a.bin');
  });

  it('leaves objects that merely have a $bytes key among others alone', () => {
    expect(decodeWire('{"$bytes":"AAE","other":1}')).toEqual({ $bytes: 'AAE', other: 1 });
  });
});
