import { base32 } from 'multiformats/bases/base32';
import { base36 } from 'multiformats/bases/base36';
import type { CID } from 'multiformats/cid';
import type { GatewayStyle } from '../settings';
import { ipnsKey, LinkError, type ContentRef } from './content-ref';
import { isLoopback } from './loopback';

export const linkKinds = ['native', 'path', 'subdomain'] as const;
export type LinkKind = (typeof linkKinds)[number];

export type BuiltLink =
  | {
      kind: LinkKind;
      url: string;
      /** Why the link is not of the kind asked for, or what was changed to make it work. */
      note?: string;
    }
  /** No link of any kind works on that gateway: the note says why. */
  | { kind: LinkKind; url: null; note: string };

/** The longest DNS label: a subdomain gateway cannot put a longer CID in the host name. */
const MAX_LABEL = 63;

/**
 * A link to `ref` of the given kind. Gateway links need the gateway's origin (`https://dweb.link`,
 * `http://127.0.0.1:8080`, `http://localhost:8080`).
 */
export function buildLink(ref: ContentRef, kind: LinkKind, gateway?: string): BuiltLink {
  const suffix = pathSuffix(ref);
  if (kind === 'native') return { kind, url: `${ref.namespace}://${nativeRoot(ref)}${suffix}` };
  if (!gateway) throw new Error(`a ${kind} link needs a gateway`);
  const origin = new URL(gateway);
  if (kind === 'path') return { kind, url: `${origin.origin}/${ref.namespace}/${rootText(ref)}${suffix}` };
  const host = subdomainHost(origin.hostname);
  if (host === null) {
    return {
      kind: 'path',
      url: `${origin.origin}/${ref.namespace}/${rootText(ref)}${suffix}`,
      note: `${origin.hostname} is an IP address, which cannot have subdomains; this is a path link instead.`,
    };
  }
  const { label, note } = hostLabel(ref);
  if (label.length > MAX_LABEL) {
    const tooLong =
      ref.namespace === 'ipns' && !ipnsKey(ref.name)
        ? `This name is ${label.length} characters as one DNS label (dots written as dashes), longer than 63, so a subdomain link cannot hold it`
        : `This ${ref.namespace === 'ipfs' ? 'CID' : 'key'} is ${label.length} characters even in base36, longer than a DNS label (63), so a subdomain link cannot hold it`;
    // A gateway serving subdomains (Kubo's on localhost, dweb.link) redirects a path request to its
    // subdomain and refuses one it cannot make (HTTP 400). Kubo serves paths on its IP address.
    if (!isLoopback(origin.hostname)) {
      return {
        kind,
        url: null,
        note: `${tooLong}, and ${origin.hostname} serves content only on subdomains. Use the ${ref.namespace}:// link or a path gateway.`,
      };
    }
    const byName = !origin.hostname.startsWith('[') && !/^[\d.]+$/.test(origin.hostname);
    const pathOrigin = byName ? `${origin.protocol}//127.0.0.1${port(origin)}` : origin.origin;
    return {
      kind: 'path',
      url: `${pathOrigin}/${ref.namespace}/${rootText(ref)}${suffix}`,
      note: `${tooLong}; this is a path link to the same gateway instead.`,
    };
  }
  // The root's path is `/`, written as Kubo's redirect and the URL serializer write it (host/, host/?filename=).
  const path = suffix.startsWith('/') ? suffix : `/${suffix}`;
  return {
    kind,
    url: `${origin.protocol}//${label}.${ref.namespace}.${host}${port(origin)}${path}`,
    ...(note ? { note } : {}),
  };
}

/**
 * The URL of a CID's root on a gateway, for a trustless request; a LinkError saying why when that
 * gateway cannot serve it (a CID too long for a subdomain, on a gateway that serves only subdomains).
 */
export function gatewayUrl(cid: CID, gateway: { url: string; style: GatewayStyle }): string {
  const link = buildLink({ namespace: 'ipfs', cid, path: [] }, gateway.style, gateway.url);
  if (link.url === null) throw new LinkError(link.note);
  return link.url;
}

function port(origin: URL): string {
  return origin.port ? `:${origin.port}` : '';
}

/**
 * The host a subdomain link goes under: a name as it is; 127.0.0.1 and ::1 become localhost, which
 * Kubo's gateway serves subdomains on (browsers resolve *.localhost to those two, and no other
 * loopback address such as 127.0.0.2); any other IP address has no subdomains (null).
 */
function subdomainHost(hostname: string): string | null {
  const ipv6 = hostname.startsWith('[');
  const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
  if (!ipv6 && !ipv4) return hostname;
  return hostname === '[::1]' || hostname === '127.0.0.1' ? 'localhost' : null;
}

/**
 * The root as written in a path: the CID as given (CIDv0 is fine in a path), or the IPNS name, a key in
 * base36 (Kubo redirects a peer ID in a path to that form).
 */
function rootText(ref: ContentRef): string {
  return ref.namespace === 'ipfs' ? ref.cid.toString() : ipnsRoot(ref.name);
}

/**
 * The root of an `ipfs://` or `ipns://` link: CIDv1 in base32 whatever its length (the DNS label limit
 * is a gateway's, not the scheme's), IPNS keys in base36, DNSLink names as they are, dots and all.
 */
function nativeRoot(ref: ContentRef): string {
  return ref.namespace === 'ipfs' ? ref.cid.toV1().toString(base32) : ipnsRoot(ref.name);
}

function ipnsRoot(name: string): string {
  return ipnsKey(name)?.toString(base36) ?? name;
}

/**
 * The root as a host name label, which is case-insensitive: CIDv1 in base32 (CIDv0 converted), base36
 * when base32 is longer than a label; IPNS keys in base36, DNSLink names with dots as dashes.
 */
function hostLabel(ref: ContentRef): { label: string; note?: string } {
  if (ref.namespace === 'ipns') {
    const key = ipnsKey(ref.name);
    if (!key) return { label: ref.name.replace(/-/g, '--').replace(/\./g, '-') };
    return { label: key.toString(base36) };
  }
  const v1 = ref.cid.toV1();
  const converted = ref.cid.version === 0 ? 'CIDv0 converted to CIDv1 for a case-insensitive host name. ' : '';
  const inBase32 = v1.toString(base32);
  if (inBase32.length <= MAX_LABEL)
    return converted ? { label: inBase32, note: converted.trim() } : { label: inBase32 };
  return { label: v1.toString(base36), note: `${converted}In base36, because base32 is longer than a DNS label (63).` };
}

/**
 * Each path segment percent-encoded, then the name given for downloads with ?filename= (a single file
 * shared from Files, or a link pasted with one: a gateway names any file so, in a folder too).
 */
function pathSuffix(ref: ContentRef): string {
  const path = ref.path.map((segment) => `/${segmentText(segment)}`).join('');
  // The URL serializer encodes ' in a query, which encodeURIComponent leaves; Kubo keeps the query as given.
  return ref.filename ? `${path}?filename=${encodeURIComponent(ref.filename).replace(/'/g, '%27')}` : path;
}

/**
 * A path segment encoded as Go's URL writer encodes it, so as Kubo's redirect writes it: !'()* too,
 * which encodeURIComponent leaves, and not $&+,:;=@, which a path may hold as they are.
 */
function segmentText(segment: string): string {
  return encodeURIComponent(segment)
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%(24|26|2B|2C|3A|3B|3D|40)/g, (escape) => decodeURIComponent(escape));
}
