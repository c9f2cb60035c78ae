import { AppError } from '../../../shared/errors';
import type { NodeTarget, ServiceInput } from '../../../shared/ipc/contract';
import type { PinningService, Settings } from '../../../shared/settings';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal, refusedAs } from '../kubo/kubo-errors';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { findService, serviceToken } from './pin-services';

const KUBO_NAME = /[^A-Za-z0-9_-]/g;

/** The node the app talks to: its client, and which node it is. */
export interface KuboInUse {
  kubo: KuboClient;
  target: NodeTarget;
}

/**
 * Kubo may be given a service's token typed for it now, or the stored one when it is Cairn's own node
 * (embedded) or one named outside the app (CAIRN_KUBO_API). A remote profile's address is one the
 * page can set, so a stored token never goes there: as everywhere, it is only sent to the address it
 * was saved with. Throws, asking for the token, otherwise.
 */
export function checkKuboMayHaveToken(serviceName: string, typed: string | undefined, target: NodeTarget): void {
  if (typed || target.kind === 'embedded' || target.profileId === null) return;
  throw new AppError(
    'VALIDATION',
    `Enter the access token for ${serviceName} again to give it to ${target.name}: a saved token is only sent to the address it was saved with.`,
    { problem: 'secret-missing', secret: 'access token', name: serviceName, savedElsewhere: true },
  );
}

/**
 * Registers a pinning service with Kubo (`pin remote service add`), so that Kubo itself can send
 * pin requests to it, or takes the registration back; remembers Kubo's name for it in settings.
 * `typed`: the token the user typed for this registration, if any (see checkKuboMayHaveToken).
 */
export async function registerWithKubo(
  node: KuboInUse,
  deps: { settings: SettingsService; secrets: SecretStore },
  id: string,
  registered: boolean,
  typed?: string,
): Promise<Settings> {
  const { settings, secrets } = deps;
  const { kubo } = node;
  const service = findService(settings, id);
  let kuboName: string | null = null;
  if (registered) {
    checkKuboMayHaveToken(service.name, typed, node.target);
    const token = typed || (await serviceToken(secrets, service));
    kuboName = `cairn-${service.name.replace(KUBO_NAME, '-').slice(0, 40)}-${id.slice(0, 6)}`;
    if (service.kuboName) await unregisterFromKubo(kubo, service.kuboName).catch(() => undefined);
    await kubo
      .call('pin/remote/service/add', [
        ['arg', kuboName],
        ['arg', service.endpoint],
        ['arg', token],
      ])
      .catch((error: unknown) => refusedRegistration(service, error));
  } else if (service.kuboName) {
    await unregisterFromKubo(kubo, service.kuboName);
  }
  return settings.change((current) => ({
    ...current,
    pins: {
      services: current.pins.services.map((stored) => (stored.id === id ? { ...stored, kuboName } : stored)),
    },
  }));
}

/**
 * Kubo keeps its own copy of a registered service's address and token: a change to either must reach
 * it, or Kubo goes on pinning at the old address with the old token.
 */
export function kuboCopyChanges(existing: PinningService | undefined, input: ServiceInput): boolean {
  return Boolean(existing?.kuboName) && (existing?.endpoint !== input.endpoint || Boolean(input.token));
}

/** Takes a registration back; a name Kubo no longer knows is already what was asked for. */
export async function unregisterFromKubo(kubo: KuboClient, kuboName: string): Promise<void> {
  await kubo.call('pin/remote/service/rm', { arg: kuboName }).catch(refusedAs(null));
}

function refusedRegistration(service: PinningService, error: unknown): never {
  if (!(error instanceof KuboRefusal)) throw error;
  throw new AppError('NODE_ERROR', `Kubo did not register ${service.name}: ${error.kuboMessage}`, {
    action: 'register-service',
    target: service.name,
  });
}
