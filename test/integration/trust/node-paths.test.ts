import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/ipc/host';
import { caller } from '../../harness/call';
import { startEmbeddedHost } from '../../harness/host';
import { resolveTestKuboBinary } from '../../harness/kubo-binary';

// The binary main runs and the folder it initialises are main's decisions, never a renderer's string.
describe('the embedded node binary and repo', () => {
  let dataDir: string;
  let dialogDir: string;
  let host: Host;
  let dispatch: (channel: string, payload: unknown) => ReturnType<Host['dispatcher']['dispatch']>;
  const script = () => join(dialogDir, 'ipfs');
  const ranWith = () => readFile(join(dataDir, 'script-ran'), 'utf8').catch(() => '');

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-node-paths-'));
    dialogDir = join(dataDir, 'dialog');
    await mkdir(dialogDir);
    // A script posing as ipfs: it records every run, and answers `version` like a program that is not Kubo.
    await writeFile(script(), `#!/bin/sh\necho "$@" >> ${join(dataDir, 'script-ran')}\necho "not kubo"\n`);
    await chmod(script(), 0o755);
    host = await startEmbeddedHost(join(dataDir, 'app'), dialogDir);
    dispatch = (channel, payload) => host.dispatcher.dispatch(channel, payload, { send: () => undefined });
  });
  afterAll(async () => {
    await host.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a binary or repo path sent by the renderer', async () => {
    for (const node of [{ kuboBinary: script() }, { repoPath: dialogDir }]) {
      const result = await dispatch('settings.update', { node });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(host.services.settings.get().node).toMatchObject({ kuboBinary: '', repoPath: '' });
  });

  it('checks a binary chosen in the dialog is Kubo, and keeps none that is not', async () => {
    const result = await dispatch('node.choosePath', { what: 'binary', reset: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'KUBO_BINARY_MISSING' } });
    expect(!result.ok && result.error.message).toMatch(/is not Kubo: `ipfs version` did not answer/);
    expect(host.services.settings.get().node.kuboBinary).toBe('');
    expect(await ranWith()).toBe('version\n');
  });

  it('keeps a chosen Kubo binary, and goes back to the automatic one', async () => {
    const kubo = join(dialogDir, 'ipfs');
    await rm(kubo);
    await writeFile(kubo, await readFile(resolveTestKuboBinary()));
    await chmod(kubo, 0o755);
    const { call } = caller(host.dispatcher);
    expect((await call('node.choosePath', { what: 'binary', reset: false })).node.kuboBinary).toBe(kubo);
    expect((await call('node.choosePath', { what: 'binary', reset: true })).node.kuboBinary).toBe('');
  });

  it('refuses a repo folder that is neither a repo nor empty', async () => {
    const result = await dispatch('node.choosePath', { what: 'repo', reset: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toMatch(/neither a Kubo repo .* nor an empty folder/);
    expect(host.services.settings.get().node.repoPath).toBe('');
  });

  it('says in the Node view that a stored binary is not Kubo, and starts no other', async () => {
    await writeFile(script(), `#!/bin/sh\necho "$@" >> ${join(dataDir, 'script-ran')}\necho "not kubo"\n`);
    await chmod(script(), 0o755);
    // As a value stored before binaries were checked would be; KUBO_BINARY still names a working Kubo.
    await host.services.settings.change((current) => ({ ...current, node: { ...current.node, kuboBinary: script() } }));
    const status = await host.services.node.restart();
    expect(status.state).toBe('error');
    expect(status.error?.message).toMatch(/chosen in Settings, .*ipfs, is not Kubo.*did not fall back/);
    expect(await ranWith()).toBe('version\nversion\n');
  });
});
