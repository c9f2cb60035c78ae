import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  applySettingsPatch,
  defaultSettings,
  settingsSchema,
  type Settings,
  type SettingsPatch,
  type WindowState,
} from '../../../shared/settings';
import type { Logger } from '../log';
import { readJson, writeJsonAtomic } from './atomic-json';
import { migrateSettings } from './migrations';

export interface SettingsService {
  get(): Settings;
  /** A change from the renderer, already validated against the patch schema. */
  update(patch: SettingsPatch): Promise<Settings>;
  /** A change made by main itself (profiles, the active node); the result is validated in full. */
  change(edit: (settings: Settings) => Settings): Promise<Settings>;
  saveWindowState(state: WindowState): Promise<void>;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
}

export const SETTINGS_FILE = 'settings.json';

/**
 * Loads settings from `<dataDir>/settings.json`, migrating older versions. A file that cannot be
 * understood is moved aside (never deleted) and defaults are used, so the app still starts.
 */
export async function openSettings(dataDir: string, log: Logger): Promise<SettingsService> {
  const file = join(dataDir, SETTINGS_FILE);
  let current = await load(file, log);
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();
  // Writes are chained so two quick updates cannot land out of order.
  let writing: Promise<void> = Promise.resolve();

  async function commit(next: Settings): Promise<Settings> {
    const previous = current;
    current = next;
    // A failed write rejects this update only; the next one still runs.
    writing = writing.catch(() => undefined).then(() => writeJsonAtomic(file, next));
    await writing;
    for (const listener of listeners) listener(next, previous);
    return next;
  }

  return {
    get: () => current,
    update: (patch) => commit(applySettingsPatch(current, patch)),
    change: (edit) => commit(settingsSchema.parse(edit(current))),
    saveWindowState: async (state) => {
      await commit({ ...current, window: state });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function load(file: string, log: Logger): Promise<Settings> {
  try {
    const stored = await readJson(file);
    if (stored === undefined) return defaultSettings();
    const migrated = migrateSettings(z.record(z.string(), z.unknown()).parse(stored));
    return settingsSchema.parse(withDefaults(migrated, defaultSettings()));
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    log.error(`Settings in ${file} could not be read; moved to ${aside}, using defaults`, error);
    await rename(file, aside).catch(() => undefined);
    return defaultSettings();
  }
}

const plainObject = z.record(z.string(), z.unknown());

/**
 * Settings added since a file was written take their defaults, whether a whole section is missing
 * (`share`) or only a field of one (`share.gateways`): sections merge one level deep.
 */
function withDefaults(stored: Record<string, unknown>, defaults: Settings): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaults, ...stored };
  for (const [key, fallback] of Object.entries(defaults)) {
    const section = plainObject.safeParse(stored[key]);
    const base = plainObject.safeParse(fallback);
    if (section.success && base.success) merged[key] = { ...base.data, ...section.data };
  }
  return merged;
}
