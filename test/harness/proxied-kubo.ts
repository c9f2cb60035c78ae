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
  /** The node's recursive pins of `cid`, one `<cid> recursive <name>` line each. */
  recursivePins(cid: string): Promise<string[]>;
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
    async recursivePins(cid) {
      const listed = await node.ipfs('pin', 'ls', '--type=recursive', '--names');
      return listed.split('\n').filter((line) => line.startsWith(`${cid} `));
    },
    async stop() {
      await proxy.stop();
      await node.stop();
      await rm(sources, { recursive: true, force: true });
    },
  };
}
