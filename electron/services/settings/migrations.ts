import { SETTINGS_VERSION } from '../../../shared/settings-options';

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** migrations[n] turns a version-n document into version n+1. */
const migrations: Record<number, Migration> = {
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
};

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
