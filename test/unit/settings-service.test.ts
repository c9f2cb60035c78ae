import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/services/log';
import {
  openSettings as openSettingsService,
  openWindowState,
} from '../../electron/services/settings/settings-service';
import { migrate, openDataStore } from '../../electron/services/store/data-store';
import { settingsFile } from '../../electron/services/store/files/settings-file';
import { defaultSettings, settingsPatchSchema } from '../../shared/settings';
import { SETTINGS_VERSION } from '../../shared/settings-options';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SETTINGS_FILE = settingsFile.name;
const openSettings = async (dir: string, log: Logger) => openSettingsService(await openDataStore(dir, log));
const migrateSettings = (doc: Record<string, unknown>) => migrate(doc, SETTINGS_VERSION, settingsFile.migrations ?? {});

describe('the settings service', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts from defaults and persists an update with its version', async () => {
    const settings = await openSettings(dir, quiet);
    expect(settings.get()).toEqual(defaultSettings());
    await settings.update({ theme: 'dark', node: { importProfile: 'unixfs-v0-2015' } });
    const stored = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')) as unknown;
    expect(stored).toMatchObject({
      version: SETTINGS_VERSION,
      theme: 'dark',
      node: { importProfile: 'unixfs-v0-2015', active: 'embedded' },
    });
    expect((await openSettings(dir, quiet)).get()).toEqual(settings.get());
  });

  it('keeps a setting the patch gives as undefined, as it keeps one the patch leaves out', async () => {
    const settings = await openSettings(dir, quiet);
    // IPC's structured clone keeps a key whose value is undefined, and the partial schema lets it through.
    const patch = settingsPatchSchema.parse({
      share: { gateways: undefined, defaultKind: 'path' },
      node: { offline: undefined },
    });
    const next = await settings.update(patch);
    expect(next.share).toEqual({ ...defaultSettings().share, defaultKind: 'path' });
    expect(next.node).toEqual(defaultSettings().node);
  });

  it('leaves no temporary files behind, even after many quick writes', async () => {
    const settings = await openSettings(dir, quiet);
    await Promise.all(['dark', 'light', 'system', 'dark'].map((theme) => settings.update({ theme: theme as 'dark' })));
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    expect((await openSettings(dir, quiet)).get().theme).toBe('dark');
  });

  it('fills settings added since the file was written with their defaults', async () => {
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ version: 2, theme: 'light', node: { offline: true } }));
    const settings = (await openSettings(dir, quiet)).get();
    expect(settings.theme).toBe('light');
    expect(settings.node).toEqual({ ...defaultSettings().node, offline: true });
  });

  it('keeps what a file says of every section and fills in what the section lacks', async () => {
    const stored = { version: 2, theme: 'dark', share: { defaultKind: 'path' } };
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify(stored));
    const settings = (await openSettings(dir, quiet)).get();
    expect(settings.theme).toBe('dark');
    expect(settings.share).toEqual({ ...defaultSettings().share, defaultKind: 'path' });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('moves an unreadable file aside instead of losing it, and starts from defaults', async () => {
    await writeFile(join(dir, SETTINGS_FILE), '{ half a file');
    const settings = await openSettings(dir, quiet);
    expect(settings.get()).toEqual(defaultSettings());
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^settings\.json\.unreadable-\d+$/);
    expect(await readFile(join(dir, files[0] ?? ''), 'utf8')).toBe('{ half a file');
  });

  it('moves the window geometry of a version 2 file to window-state.json, where it stays', async () => {
    const window = { x: 10, y: 20, width: 900, height: 700, maximized: false };
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ version: 2, theme: 'dark', window }));
    const store = await openDataStore(dir, quiet);
    const windowState = await openWindowState(store);
    const settings = await openSettingsService(store);
    expect(windowState.get()).toEqual(window);
    expect(settings.get().theme).toBe('dark');
    expect(settings.get()).not.toHaveProperty('window');
    expect(JSON.parse(await readFile(join(dir, 'window-state.json'), 'utf8'))).toEqual({ version: 1, window });
    // Settings written at version 3 no longer hold it; the window state keeps it in its own file.
    await settings.update({ theme: 'light' });
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'))).not.toHaveProperty('window');
    expect((await openWindowState(await openDataStore(dir, quiet))).get()).toEqual(window);
  });

  it('tells listeners what changed', async () => {
    const settings = await openSettings(dir, quiet);
    const seen: string[] = [];
    settings.onChange((next, previous) => seen.push(`${previous.theme}->${next.theme}`));
    await settings.update({ theme: 'light' });
    expect(seen).toEqual(['system->light']);
  });
});

describe('settings migrations', () => {
  it('refuses a file from a newer app instead of guessing', async () => {
    await expect(migrateSettings({ version: 99 })).rejects.toThrow(/written by a newer Cairn/);
  });

  it('refuses a version it has no migration for', async () => {
    await expect(migrateSettings({})).rejects.toThrow(/no migration from version 0/);
  });

  it('passes the current version through', async () => {
    expect(await migrateSettings({ version: SETTINGS_VERSION, theme: 'dark' })).toEqual({
      version: SETTINGS_VERSION,
      theme: 'dark',
    });
  });

  it('turns the remote URL of version 1 into a remote profile in use', async () => {
    const v1 = {
      version: 1,
      theme: 'dark',
      node: { mode: 'remote', remoteApiUrl: 'http://127.0.0.1:5001', offline: true },
    };
    expect(await migrateSettings(v1)).toEqual({
      version: 3,
      theme: 'dark',
      node: {
        offline: true,
        active: 'remote-from-v1',
        profiles: [
          {
            id: 'remote-from-v1',
            name: 'Remote node',
            url: 'http://127.0.0.1:5001',
            auth: 'none',
            username: '',
            headerNames: [],
          },
        ],
      },
    });
    expect(await migrateSettings({ version: 1, node: { mode: 'embedded', remoteApiUrl: '' } })).toEqual({
      version: 3,
      node: { active: 'embedded', profiles: [] },
    });
  });

  it('loads a version 1 file through the migration', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-settings-'));
    try {
      await writeFile(
        join(dir, SETTINGS_FILE),
        JSON.stringify({
          version: 1,
          theme: 'light',
          node: { mode: 'remote', remoteApiUrl: 'https://node.example:5001' },
        }),
      );
      const settings = (await openSettings(dir, quiet)).get();
      expect(settings.version).toBe(SETTINGS_VERSION);
      expect(settings.node.active).toBe('remote-from-v1');
      expect(settings.node.profiles[0]?.url).toBe('https://node.example:5001');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
