import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';

// The harness itself, against the real parts: an offline Kubo on loopback, and Kubo speaking the
// Pinning Service API to the mock peer.
describe('test harness', () => {
  let node: TestKubo;
  let service: TestPinningService;

  beforeAll(async () => {
    [node, service] = await Promise.all([startKubo(), startPinningService()]);
  });
  afterAll(async () => {
    await Promise.all([node.stop(), service.stop()]);
  });

  it('starts Kubo on loopback, offline, with a fresh repo', async () => {
    expect(new URL(node.apiUrl).hostname).toBe('127.0.0.1');
    const config = JSON.parse(await node.ipfs('config', 'show')) as { Bootstrap: string[] | null };
    expect(config.Bootstrap ?? []).toEqual([]);
    await expect(node.ipfs('swarm', 'peers')).rejects.toThrow(/must be run in online mode/);
    const { id } = await node.client.id();
    expect(id.toString()).toMatch(/^12D3KooW/);
  });

  it('lets Kubo pin to the pinning-service peer and read the status back', async () => {
    const cid = (await node.client.add('pinned by the harness test')).cid.toString();
    await node.ipfs('pin', 'remote', 'service', 'add', 'mock', service.endpoint, service.token);
    await node.ipfs('pin', 'remote', 'add', '--service=mock', '--background', '--name=pinned-harness', cid);
    const listed = await node.ipfs('pin', 'remote', 'ls', '--service=mock', '--status=pinned');
    expect(listed).toContain(cid);
    expect(listed).toContain('pinned-harness');
  });

  it('rejects a wrong token at the pinning-service peer', async () => {
    const response = await fetch(`${service.endpoint}/pins`, { headers: { Authorization: 'Bearer wrong' } });
    expect(response.status).toBe(401);
  });
});
