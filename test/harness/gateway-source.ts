import type { ResolvedSource } from '../../electron/services/verify/verify-remote';

/** A gateway at `url` as verification resolves one from the list, read with `transport`. */
export function testGateway(url: string, transport: 'car' | 'blocks' | 'file' = 'blocks'): ResolvedSource {
  return { name: 'Test gateway', ref: { kind: 'gateway', id: 'test' }, kind: 'gateway', url, style: 'path', transport };
}
