import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ProfileInput } from '../../../shared/ipc/contract';
import { EMBEDDED } from '../../../shared/settings-options';
import type { RemoteProfile, Settings } from '../../../shared/settings';
import { basicUserNameProblem } from '../../../shared/header-value';
import { retypedTextProblem } from '../../../shared/typed-text';
import { refuseAtField } from '../settings/field-refusal';
import { secretsThenSettings, type SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { RpcTarget } from '../kubo/kubo-client';
import { authorization, rpcUrl, secretKey } from './remote';

/** Saves a remote profile: its fields to settings, its secrets to the keychain. */
export async function saveProfile(
  input: ProfileInput,
  settings: SettingsService,
  secrets: SecretStore,
): Promise<Settings> {
  const id = input.id ?? randomUUID();
  const existing = settings.get().node.profiles.find((profile) => profile.id === id);
  if (input.id && !existing)
    throw new AppError('NOT_FOUND', `There is no remote profile ${input.id}.`, { profile: input.id });
  refuseAtField('profile.name', retypedTextProblem(input.name, existing?.name));
  refuseTypedUserName(input, existing);
  const profile: RemoteProfile = {
    id,
    name: input.name,
    url: input.url,
    auth: input.auth,
    username: input.auth === 'basic' ? input.username : '',
    headerNames: input.headers.map((header) => header.name),
  };
  const edit = (current: Settings): Settings => {
    const others = current.node.profiles.filter((stored) => stored.id !== id);
    return { ...current, node: { ...current.node, profiles: [...others, profile] } };
  };
  // The settings' rules (how many profiles) are checked before any secret is written.
  settings.check(edit);
  return secretsThenSettings(
    secrets,
    secretKey.ofProfile(id),
    // Values of headers the profile no longer sends go once it is saved without them.
    () => storeSecrets(profile, input, secrets),
    () => settings.change(edit),
  );
}

export async function removeProfile(id: string, settings: SettingsService, secrets: SecretStore): Promise<Settings> {
  if (!settings.get().node.profiles.some((profile) => profile.id === id)) {
    throw new AppError('NOT_FOUND', `There is no remote profile ${id}.`, { profile: id });
  }
  return secretsThenSettings(
    secrets,
    secretKey.ofProfile(id),
    // Nothing to write first: its secrets go once the settings without it are on disk.
    () => Promise.resolve(),
    () =>
      settings.change((current) => ({
        ...current,
        node: {
          ...current.node,
          active: current.node.active === id ? EMBEDDED : current.node.active,
          profiles: current.node.profiles.filter((profile) => profile.id !== id),
        },
      })),
  );
}

/**
 * A Basic user name typed now (new, or changed) that Basic auth cannot carry is refused at its field;
 * one stored before the rule is sent as it was.
 */
function refuseTypedUserName(input: ProfileInput, stored: RemoteProfile | undefined): void {
  if (input.auth !== 'basic' || input.username === stored?.username) return;
  refuseAtField('profile.username', basicUserNameProblem(input.username));
}

/** The target a profile form describes, for "Test connection" before (or without) saving it. */
export async function inputTarget(
  input: ProfileInput,
  settings: SettingsService,
  secrets: SecretStore,
): Promise<RpcTarget> {
  const { id } = input;
  refuseTypedUserName(
    input,
    settings.get().node.profiles.find((profile) => profile.id === id),
  );
  const url = rpcUrl(input.url);
  // An empty field of a saved profile means "the stored one", which is only given back for the
  // address it was saved with; a new profile has none stored.
  const stored = async (key: (profileId: string) => string) => (id ? secrets.get(key(id), url) : null);
  const headers: Record<string, string> = {};
  for (const { name, value } of input.headers) {
    const resolved = value || (await stored((profileId) => secretKey.header(profileId, name)));
    if (resolved) headers[name] = resolved;
  }
  if (input.auth !== 'none') {
    const credential = input.secret || (await stored(secretKey.credential));
    if (!credential)
      throw new AppError(
        'VALIDATION',
        `Enter the ${input.auth === 'bearer' ? 'token' : 'password'} to test with${id ? ' (a saved one is only sent to the address it was saved with)' : ''}.`,
        {
          problem: 'secret-missing',
          secret: input.auth === 'bearer' ? 'token' : 'password',
          savedElsewhere: Boolean(id),
        },
      );
    headers.Authorization = authorization(input.auth, input.username, credential);
  }
  return { url, headers };
}

/**
 * Secrets are bound to the profile's address: after a change of address each stored one must be
 * entered again (checked before anything is written, so a refused save changes nothing).
 */
async function storeSecrets(profile: RemoteProfile, input: ProfileInput, secrets: SecretStore): Promise<void> {
  const url = rpcUrl(profile.url);
  const credentialKey = secretKey.credential(profile.id);
  const again = ' again: a saved one is only sent to the address it was saved with';
  if (profile.auth !== 'none' && !input.secret && !secrets.has(credentialKey, url)) {
    throw new AppError(
      'VALIDATION',
      `Enter the ${profile.auth === 'bearer' ? 'token' : 'password'} for ${profile.name}${input.id ? again : ''}.`,
      {
        problem: 'secret-missing',
        secret: profile.auth === 'bearer' ? 'token' : 'password',
        name: profile.name,
        savedElsewhere: Boolean(input.id),
      },
    );
  }
  for (const { name, value } of input.headers) {
    if (!value && !secrets.has(secretKey.header(profile.id, name), url)) {
      throw new AppError('VALIDATION', `Enter the value of the header ${name}${input.id ? again : ''}.`, {
        problem: 'secret-missing',
        secret: 'header',
        header: name,
        savedElsewhere: Boolean(input.id),
      });
    }
  }
  if (profile.auth !== 'none' && input.secret) await secrets.set(credentialKey, input.secret, url);
  for (const { name, value } of input.headers) {
    if (value) await secrets.set(secretKey.header(profile.id, name), value, url);
  }
}
