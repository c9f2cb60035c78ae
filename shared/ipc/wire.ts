import { base64 } from 'multiformats/bases/base64';

/**
 * JSON for the test bridge, which carries what Electron's structured clone would: byte arrays
 * travel as `{ "$bytes": "<base64>" }`.
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: base64.baseEncode(v) } : v));
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$bytes' in v && typeof v.$bytes === 'string' && Object.keys(v).length === 1) {
      return base64.baseDecode(v.$bytes);
    }
    return v;
  });
}
