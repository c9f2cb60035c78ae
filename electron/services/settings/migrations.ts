import { SETTINGS_VERSION } from '../../../shared/settings-options';

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * migrations[n] turns a version-n document into version n+1. Version 1 is the first, so the table
 * is empty; the next schema change adds `1: (old) => ({ ...old, version: 2, ... })` here.
 */
const migrations: Record<number, Migration> = {};

export function migrateSettings(stored: Record<string, unknown>): Record<string, unknown> {
  let doc = stored;
  let version = typeof doc.version === 'number' ? doc.version : 0;
  if (version > SETTINGS_VERSION) {
    throw new Error(`settings version ${version} is newer than this app understands (${SETTINGS_VERSION})`);
  }
  while (version < SETTINGS_VERSION) {
    const step = migrations[version];
    if (!step) throw new Error(`no migration from settings version ${version}`);
    doc = step(doc);
    version += 1;
  }
  return doc;
}
