import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost, type Host } from '../../electron/ipc/host';
import { createLogger } from '../../electron/services/log';
import { caller } from '../harness/call';
import { startKubo, type TestKubo } from '../harness/kubo';
import { pinnedKuboVersion } from '../harness/kubo-binary';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';

const TOKEN = 'diagnostics-bearer-token-5f3a9c';
const PASSWORD = 'diagnostics-basic-password-77d1';

// "Copy diagnostics" with secrets configured everywhere they can be: a Bearer node in use, a Basic
// node, a pinning service token, and a server error that echoed the token into the log.
describe('diagnostics', () => {
  let kubo: TestKubo;
  let service: TestPinningService;
  let host: Host;
  let dataDir: string;
  let call: ReturnType<typeof caller>['call'];

  beforeAll(async () => {
    [kubo, service] = await Promise.all([
      startKubo({
        authorizations: {
          bearer: { AuthSecret: `bearer:${TOKEN}`, AllowedPaths: ['/api/v0'] },
          basic: { AuthSecret: `basic:alice:${PASSWORD}`, AllowedPaths: ['/api/v0'] },
        },
      }),
      startPinningService(),
    ]);
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-diagnostics-'));
    host = await startHost({
      dataDir,
      env: { offline: true, remoteApiUrl: null, dataDir },
      platform: createNodePlatform(),
    });
    await host.services.node.stop();
    call = caller(host.dispatcher).call;
  });
  afterAll(async () => {
    await host.dispose();
    await Promise.all([kubo.stop(), service.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives versions, settings, node state and recent problems, and no secret', async () => {
    const base = { headers: [], username: '', url: kubo.apiUrl };
    await call('node.saveProfile', {
      profile: { ...base, name: 'Basic node', auth: 'basic', username: 'alice', secret: PASSWORD },
    });
    const settings = await call('node.saveProfile', {
      profile: { ...base, name: 'Bearer node', auth: 'bearer', secret: TOKEN },
    });
    await call('pins.saveService', {
      service: { name: 'Mock service', preset: 'custom', endpoint: service.endpoint, token: service.token },
    });
    const bearer = settings.node.profiles.find((profile) => profile.name === 'Bearer node');
    if (!bearer) throw new Error('the Bearer profile was not saved');
    expect((await call('node.use', { target: bearer.id })).state).toBe('running');
    createLogger('remote', { log: () => undefined, warn: () => undefined, error: () => undefined }).error(
      `Kubo refused the request with Authorization: Bearer ${TOKEN}`,
    );

    const about = await call('app.about', {});
    const { repo, ...versions } = about.versions;
    expect(versions).toEqual({ cairn: packageJson.version, electron: null, kubo: pinnedKuboVersion().slice(1) });
    expect(repo).toMatch(/^\d+$/);
    expect(about.logsFolder).toBe(join(dataDir, 'logs'));

    const { text } = await call('app.diagnostics', {});
    expect(text).toContain(
      `Cairn ${packageJson.version}; Electron none (plain Node); Kubo ${pinnedKuboVersion().slice(1)}; repo version ${repo}`,
    );
    expect(text).toContain('Node: running, remote (Bearer node)');
    expect(text).toContain('"name": "Basic node"');
    expect(text).toContain('"name": "Mock service"');
    expect(text).toContain('[remote] Kubo refused the request with Authorization: [redacted]');
    for (const secret of [TOKEN, PASSWORD, service.token, 'alice']) expect(text).not.toContain(secret);
  });
});
