import { AppError } from '../../../shared/errors';
import type { ConnectionCheck } from '../../../shared/ipc/contract';
import { multiaddrToHttpUrl } from '../../../shared/multiaddr-url';
import type { RemoteProfile } from '../../../shared/settings';
import { createKuboClient, type RpcTarget } from '../kubo/kubo-client';
import type { SecretStore } from '../settings/secret-store';

/** Kubo's API.Authorizations (Bearer and Basic) arrived in 0.25; older nodes cannot be reached safely. */
const MIN_KUBO = [0, 25, 0];
/** Features that need a newer Kubo than the minimum, named for the warning. */
const FEATURES: { version: number[]; feature: 'import-profiles' }[] = [
  { version: [0, 40, 0], feature: 'import-profiles' },
];
const PROBE_TIMEOUT_MS = 8_000;

export const secretKey = {
  credential: (profileId: string) => `profile:${profileId}:credential`,
  header: (profileId: string, name: string) => `profile:${profileId}:header:${name.toLowerCase()}`,
  ofProfile: (profileId: string) => `profile:${profileId}:`,
};

export function rpcUrl(address: string): string {
  return (address.startsWith('/') ? multiaddrToHttpUrl(address) : address).replace(/\/+$/, '');
}

/** The target of a stored profile, its secrets read from the keychain. */
export async function profileTarget(profile: RemoteProfile, secrets: SecretStore): Promise<RpcTarget> {
  const headers: Record<string, string> = {};
  const url = rpcUrl(profile.url);
  for (const name of profile.headerNames) {
    const value = await secrets.get(secretKey.header(profile.id, name), url);
    if (value !== null) headers[name] = value;
  }
  if (profile.auth !== 'none') {
    const credential = await secrets.get(secretKey.credential(profile.id), url);
    if (credential === null) {
      throw new AppError(
        'NODE_AUTH',
        `No ${profile.auth === 'bearer' ? 'token' : 'password'} is stored for ${profile.name}.`,
      );
    }
    headers.Authorization = authorization(profile.auth, profile.username, credential);
  }
  return { url, headers };
}

export function authorization(kind: 'bearer' | 'basic', username: string, credential: string): string {
  return kind === 'bearer'
    ? `Bearer ${credential}`
    : `Basic ${Buffer.from(`${username}:${credential}`).toString('base64')}`;
}

/**
 * Asks the node for its version and identity, and says precisely what is wrong when that fails:
 * nothing answers, TLS, refused credentials, something that is not Kubo, or a Kubo too old.
 */
export async function checkConnection(target: RpcTarget): Promise<ConnectionCheck> {
  const where = new URL(target.url).host;
  const kubo = createKuboClient(target);
  const probe = await kubo.probe(PROBE_TIMEOUT_MS);
  if (probe.answer === 'none') {
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(probe.reason)) {
      return { ok: false, code: 'NODE_TLS', message: `The TLS connection to ${where} failed: ${probe.reason}.` };
    }
    return { ok: false, code: 'NODE_UNREACHABLE', message: `Nothing answers at ${where} (${probe.reason}).` };
  }
  if (probe.answer === 'cut') {
    return {
      ok: false,
      code: 'NODE_UNREACHABLE',
      message: `${where} began to answer but stopped partway (${probe.reason}): check the connection to it and try again.`,
    };
  }
  if (probe.answer === 'http' && (probe.status === 401 || probe.status === 403)) {
    return {
      ok: false,
      code: 'NODE_AUTH',
      message: `${where} refused the credentials (HTTP ${probe.status}). Check the token or user and password, and the node's API.Authorizations.`,
    };
  }
  if (probe.answer === 'http') {
    return {
      ok: false,
      code: 'NOT_KUBO',
      message: `${where} answers, but not as a Kubo RPC API (HTTP ${probe.status}, ${probe.contentType}). Is this the RPC port (usually 5001), not the gateway?`,
    };
  }
  const { version } = probe;
  if (compareVersions(version, MIN_KUBO) < 0) {
    return {
      ok: false,
      code: 'KUBO_TOO_OLD',
      message: `Kubo ${version} is too old: Cairn needs ${MIN_KUBO.join('.')} or newer.`,
    };
  }
  const identity = await kubo.call<{ ID?: unknown }>('id').catch(() => null);
  return {
    ok: true,
    version,
    peerId: typeof identity?.ID === 'string' ? identity.ID : 'unknown',
    warnings: FEATURES.filter((feature) => compareVersions(version, feature.version) < 0).map(
      ({ version: needs, feature }) => ({ kind: 'kubo-lacks', version, needs: needs.join('.'), feature }),
    ),
  };
}

/** Compares "0.43.1" (or "0.43.1-rc1") with [major, minor, patch]. */
export function compareVersions(version: string, against: number[]): number {
  const parts = version.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const difference = (parts[i] ?? 0) - (against[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
