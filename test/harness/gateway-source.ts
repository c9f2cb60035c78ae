import type { ResolvedSource } from '../../electron/services/verify/verify-remote';
import type { GatewayStyle } from '../../shared/settings';

/** A gateway at `url` as verification resolves one from the list, read with `transport`. */
export function testGateway(
  url: string,
  transport: 'car' | 'blocks' | 'file' = 'blocks',
  style: GatewayStyle = 'path',
): ResolvedSource {
  return { name: 'Test gateway', ref: { kind: 'gateway', id: 'test' }, kind: 'gateway', url, style, transport };
}
