/**
 * A DNS name of two labels or more: what a DNSLink name must look like. Labels may hold `_` and start
 * or end with `-`, as Kubo resolves them (_site.example is a DNSLink name); the last one is a TLD.
 */
export const DOMAIN = /^(?=.{1,253}$)([a-z0-9_-]{1,63}\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/**
 * Why a text is no DNSLink name a link can carry. Kubo takes any text after /ipns/ and asks DNS for
 * `_dnslink.<text>` (with a resolver that answers, its path gateway even serves it), so these are
 * refused here, each for its own reason: a space or anything else no host name holds (no ipns://
 * link or gateway subdomain can hold it), an `@` (an ipns:// link reads what comes before it as a
 * user name and drops it), a single word (each computer looks it up in its own network), an address.
 */
export type NameFault = 'space' | 'at-sign' | 'single-label' | 'ip-address' | 'not-a-domain';

const NAME_FAULTS: readonly string[] = [
  'space',
  'at-sign',
  'single-label',
  'ip-address',
  'not-a-domain',
] satisfies NameFault[];

export function isNameFault(problem: string | null | undefined): problem is NameFault {
  return problem != null && NAME_FAULTS.includes(problem);
}

/** What keeps `name` (already lower case, punycode) from being a DNSLink name; null when it is one. */
export function nameFault(name: string): NameFault | null {
  if (DOMAIN.test(name)) return null;
  if (/\s/.test(name)) return 'space';
  if (name.includes('@')) return 'at-sign';
  if (/^[a-z0-9_-]+$/i.test(name)) return 'single-label';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'ip-address';
  return 'not-a-domain';
}
