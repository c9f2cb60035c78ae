import { randomUUID } from 'node:crypto';
import { AppError, cairnErrorOf } from '../../../shared/errors';
import type { ServiceCheck, ServiceInput } from '../../../shared/ipc/contract';
import type { PinningService, Settings } from '../../../shared/settings';
import { retypedTextProblem } from '../../../shared/typed-text';
import { refuseAtField } from '../settings/field-refusal';
import { secretsThenSettings, type SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { createPsaClient, PsaError, type PsaClient } from './psa-client';

export const tokenKey = (serviceId: string) => `pinsvc:${serviceId}:token`;

/** Saves a pinning service: its endpoint to settings, its token to the keychain. */
export async function saveService(
  input: ServiceInput,
  settings: SettingsService,
  secrets: SecretStore,
): Promise<Settings> {
  const id = input.id ?? randomUUID();
  const existing = settings.get().pins.services.find((service) => service.id === id);
  if (input.id && !existing)
    throw new AppError('NOT_FOUND', `There is no pinning service ${input.id}.`, { serviceId: input.id });
  refuseAtField('service.name', retypedTextProblem(input.name, existing?.name));
  const service: PinningService = {
    id,
    name: input.name,
    preset: input.preset,
    endpoint: input.endpoint,
    kuboName: existing?.kuboName ?? null,
  };
  const edit = (current: Settings): Settings => ({
    ...current,
    pins: {
      services: current.pins.services
        .map((stored) => (stored.id === id ? service : stored))
        .concat(existing ? [] : [service]),
    },
  });
  // The settings' rules (how many services) are checked before the token is written.
  settings.check(edit);
  if (!input.token && !secrets.has(tokenKey(id), input.endpoint)) {
    const again = changedAddress(existing, input);
    throw new AppError('VALIDATION', `Enter the access token for ${input.name}${again}.`, {
      problem: 'secret-missing',
      secret: 'access token',
      name: input.name,
      savedElsewhere: again !== '',
    });
  }
  return secretsThenSettings(
    secrets,
    tokenKey(id),
    async () => {
      if (input.token) await secrets.set(tokenKey(id), input.token, input.endpoint);
    },
    () => settings.change(edit),
  );
}

export function forgetService(id: string, settings: SettingsService, secrets: SecretStore): Promise<Settings> {
  return secretsThenSettings(
    secrets,
    tokenKey(id),
    // Nothing to write first: the token goes once the settings without the service are on disk.
    () => Promise.resolve(),
    () =>
      settings.change((current) => ({
        ...current,
        pins: { services: current.pins.services.filter((service) => service.id !== id) },
      })),
  );
}

export function findService(settings: SettingsService, id: string): PinningService {
  const service = settings.get().pins.services.find((candidate) => candidate.id === id);
  if (!service)
    throw new AppError('NOT_FOUND', `There is no pinning service ${id} (was it removed?).`, { serviceId: id });
  return service;
}

export async function serviceToken(secrets: SecretStore, service: PinningService): Promise<string> {
  const token = await secrets.get(tokenKey(service.id), service.endpoint);
  if (token === null) throw new AppError('PIN_SERVICE_AUTH', `No access token is stored for ${service.name}.`);
  return token;
}

export async function clientFor(secrets: SecretStore, service: PinningService): Promise<PsaClient> {
  return createPsaClient({ endpoint: service.endpoint, token: await serviceToken(secrets, service) });
}

/** "Test": one page of one pin, which proves the endpoint speaks the API and takes the token, and gives the count. */
export async function testService(input: ServiceInput, secrets: SecretStore): Promise<ServiceCheck> {
  // A saved token is only given back for the endpoint it was saved with.
  const token = input.token || (input.id ? await secrets.get(tokenKey(input.id), input.endpoint) : null);
  if (!token) {
    const bound = input.id ? ' (a saved token is only sent to the address it was saved with)' : '';
    return { ok: false, code: 'VALIDATION', message: `Enter the access token to test with${bound}.` };
  }
  // One attempt: a test should say what happens now, not hide it behind retries.
  const client = createPsaClient({
    endpoint: input.endpoint,
    token,
    timeoutMs: 10_000,
    policy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxInlineWaitMs: 0 },
  });
  try {
    const { count } = await client.list({ limit: 1 });
    return { ok: true, pinCount: count };
  } catch (error) {
    if (error instanceof PsaError) return { ok: false, ...cairnErrorOf(error) };
    throw error;
  }
}

function changedAddress(existing: PinningService | undefined, input: ServiceInput): string {
  return existing && existing.endpoint !== input.endpoint
    ? ' again: its address changed, and a saved token is only sent to the address it was saved with'
    : '';
}
