import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { startKubo, type TestKubo } from './kubo';

/** A real Kubo, a fault proxy in front of its RPC, and a folder for the files a test uploads. */
export interface ProxiedKubo {
  node: TestKubo;
  proxy: FaultProxy;
  sources: string;
  stop(): Promise<void>;
}

export async function startProxiedKubo(sourcesPrefix: string): Promise<ProxiedKubo> {
  const node = await startKubo();
  const proxy = await startFaultProxy(node.apiUrl);
  const sources = await mkdtemp(join(tmpdir(), sourcesPrefix));
  return {
    node,
    proxy,
    sources,
    async stop() {
      await proxy.stop();
      await node.stop();
      await rm(sources, { recursive: true, force: true });
    },
  };
}
