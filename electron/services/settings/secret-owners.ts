import type { Settings } from '../../../shared/settings';
import { rpcUrl, secretKey } from '../node/remote';
import { tokenKey } from '../pins/pin-services';

/**
 * The secrets the entries of these settings hold, by key, each with the endpoint it is bound to:
 * a remote node's credential and header values, a pinning service's token.
 */
export function secretEndpoints(settings: Settings): Map<string, string> {
  const endpoints = new Map<string, string>();
  for (const profile of settings.node.profiles) {
    const url = rpcUrl(profile.url);
    if (profile.auth !== 'none') endpoints.set(secretKey.credential(profile.id), url);
    for (const name of profile.headerNames) endpoints.set(secretKey.header(profile.id, name), url);
  }
  for (const service of settings.pins.services) endpoints.set(tokenKey(service.id), service.endpoint);
  return endpoints;
}
