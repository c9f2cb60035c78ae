import { quoted } from '../../shared/hidden-characters';
import type { LinkError } from '../../shared/links/content-ref';
import { trimPasted } from '../../shared/links/content-ref';
import { isNameFault, type NameFault } from '../../shared/links/dnslink-name';

/** Why a text Kubo would look up as a DNSLink name is refused: what no ipns:// or gateway link can carry. */
const reasons: Record<NameFault, string> = {
  space:
    'a DNSLink name is a domain, and no domain name has a space: an ipns:// link or a gateway subdomain cannot hold one, and DNS hosts publish no record under such a name.',
  'at-sign':
    'it reads like an email address. A DNSLink name is a domain alone (example.org), and “@” is no part of one: in an ipns:// link, what comes before it is taken for a user name and dropped, so the link would open another name.',
  'single-label':
    'it is a single word, and a DNSLink name is a domain with a dot (example.org). Each computer or gateway looks a single word up in its own network, so a link made from it would open something else, or nothing, anywhere but here.',
  'ip-address':
    'it is an IP address, and DNSLink records live under domain names (example.org): an address has none to look up.',
  'not-a-domain':
    'a DNSLink name is a domain, made of letters, digits, hyphens and dots (example.org): no ipns:// link or gateway subdomain can hold this one.',
};

/** “x” is not an IPNS name, and why; `bare` when the text could also have been meant as a CID. */
export function nameFaultWords(subject: string, fault: NameFault, bare: boolean): string {
  return `${quoted(subject)} is ${bare ? 'not a CID, nor' : 'not'} an IPNS name: ${reasons[fault]}`;
}

/** What the user reads when a pasted text is no content address: a name's fault in the renderer's words. */
export function linkErrorWords(error: LinkError, input: string): string {
  if (error.subject === undefined || !isNameFault(error.problem)) return error.message;
  // Alone, the text may have been meant as a CID; after /ipns/ or ipns://, only as a name.
  return nameFaultWords(error.subject, error.problem, !/[/:]/.test(trimPasted(input)));
}
