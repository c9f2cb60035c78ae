import { z } from 'zod';
import { defaultSettings, settingsSchema, type Settings } from '../../../../shared/settings';
import { SETTINGS_VERSION } from '../../../../shared/settings-options';
import { issueText, type FileSpec } from '../file-spec';
import { quoted } from '../../../../shared/hidden-characters';

const plainObject = z.record(z.string(), z.unknown());

/** The user's settings; the window's geometry lives in window-state.json. */
export const settingsFile: FileSpec<Settings> = {
  name: 'settings.json',
  version: SETTINGS_VERSION,
  migrations: {
    // v2: remote nodes became named profiles (with auth); the one remote URL of v1 becomes a profile.
    1: (old) => {
      const { mode, remoteApiUrl, ...node } = (old.node ?? {}) as Record<string, unknown>;
      const remote = mode === 'remote' && typeof remoteApiUrl === 'string' && remoteApiUrl !== '';
      const profile = {
        id: 'remote-from-v1',
        name: 'Remote node',
        url: remoteApiUrl,
        auth: 'none',
        username: '',
        headerNames: [],
      };
      return {
        ...old,
        version: 2,
        node: { ...node, active: remote ? profile.id : 'embedded', profiles: remote ? [profile] : [] },
      };
    },
    // v3: the window's geometry moved to a file of its own (saved on every move, it is not a setting).
    2: ({ window: _window, ...old }) => ({ ...old, version: 3 }),
  },
  read(document, leaveOut) {
    const merged = withoutRepeatedIds(withDefaults(document, defaultSettings()), leaveOut);
    const whole = settingsSchema.safeParse(merged);
    if (whole.success) return { value: whole.data, dropped: 0 };
    // Keep every section that still reads, without its damaged entries; a damaged section falls back to its defaults.
    const defaults = defaultSettings();
    const kept: Record<string, unknown> = {};
    let dropped = 0;
    for (const [key, schema] of Object.entries(settingsSchema.shape)) {
      const section = schema.safeParse(withoutDamagedEntries(key, merged[key], schema, leaveOut));
      if (section.success) kept[key] = section.data;
      else {
        kept[key] = defaults[key as keyof Settings];
        dropped += 1;
      }
    }
    return { value: settingsSchema.parse(kept), dropped };
  },
  write: (settings) => settings,
  empty: defaultSettings,
  count: (settings) => Object.keys(settings).length,
};

/**
 * The section with each entry of its lists (services, node profiles, gateways) that fails its
 * schema left out, and named: one damaged pinning service must not take the others with it.
 */
function withoutDamagedEntries(
  name: string,
  section: unknown,
  schema: z.ZodType,
  leaveOut: (why: string) => void,
): unknown {
  const fields = plainObject.safeParse(section);
  if (!fields.success || !(schema instanceof z.ZodObject)) return section;
  const kept: Record<string, unknown> = { ...fields.data };
  for (const [field, list] of Object.entries(schema.shape)) {
    const stored = kept[field];
    if (!(list instanceof z.ZodArray) || !Array.isArray(stored)) continue;
    kept[field] = stored.filter((entry: unknown, index) => {
      const parsed = (list.element as z.ZodType).safeParse(entry);
      const [issue] = parsed.error?.issues ?? [];
      if (issue) leaveOut(`${name}.${field}: ${entryName(entry, index)} (${issueText(issue, 'entry')})`);
      return parsed.success;
    });
  }
  return kept;
}

/**
 * The settings with the entries of each list (services, node profiles) whose id an entry before
 * them has left out, and named: Cairn finds an entry by its id, so the later one could only ever be
 * overwritten by an edit of the first.
 */
function withoutRepeatedIds(
  settings: Record<string, unknown>,
  leaveOut: (why: string) => void,
): Record<string, unknown> {
  const kept: Record<string, unknown> = { ...settings };
  for (const [name, section] of Object.entries(settings)) {
    const fields = plainObject.safeParse(section);
    if (!fields.success) continue;
    const lists = Object.entries(fields.data).filter((field): field is [string, unknown[]] => Array.isArray(field[1]));
    if (lists.length === 0) continue;
    const edited: Record<string, unknown> = { ...fields.data };
    for (const [field, list] of lists) {
      const seen = new Set<string>();
      edited[field] = list.filter((entry: unknown, index) => {
        const id = (entry as { id?: unknown } | null)?.id;
        if (typeof id !== 'string') return true;
        if (!seen.has(id)) return seen.add(id);
        leaveOut(`${name}.${field}: ${entryName(entry, index)} has the id ${id} of an entry before it`);
        return false;
      });
    }
    kept[name] = edited;
  }
  return kept;
}

/** An entry as the user knows it: its name, else its id, else its place in the list. */
function entryName(entry: unknown, index: number): string {
  const { name, id } = (typeof entry === 'object' && entry !== null ? entry : {}) as { name?: unknown; id?: unknown };
  if (typeof name === 'string' && name !== '') return quoted(name);
  return typeof id === 'string' ? id : `entry ${index + 1}`;
}

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
