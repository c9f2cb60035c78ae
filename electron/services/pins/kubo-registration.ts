import { AppError } from '../../../shared/errors';
import type { ServiceInput } from '../../../shared/ipc/contract';
import type { PinningService, Settings } from '../../../shared/settings';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal, refusedAs } from '../kubo/kubo-errors';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { findService, serviceToken } from './pin-services';

const KUBO_NAME = /[^A-Za-z0-9_-]/g;

/**
 * Registers a pinning service with Kubo (`pin remote service add`), so that Kubo itself can send
 * pin requests to it, or takes the registration back; remembers Kubo's name for it in settings.
 */
export async function registerWithKubo(
  kubo: KuboClient,
  deps: { settings: SettingsService; secrets: SecretStore },
  id: string,
  registered: boolean,
): Promise<Settings> {
  const { settings, secrets } = deps;
  const service = findService(settings, id);
  let kuboName: string | null = null;
  if (registered) {
    kuboName = `cairn-${service.name.replace(KUBO_NAME, '-').slice(0, 40)}-${id.slice(0, 6)}`;
    if (service.kuboName) await unregisterFromKubo(kubo, service.kuboName).catch(() => undefined);
    await kubo
      .call('pin/remote/service/add', [
        ['arg', kuboName],
        ['arg', service.endpoint],
        ['arg', await serviceToken(secrets, service)],
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
