import { quoted } from '../hidden-characters';
import { base36 } from 'multiformats/bases/base36';
import { base58btc } from 'multiformats/bases/base58';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { cidFault } from './cid-fault';
import { DOMAIN, nameFault, type NameFault } from './dnslink-name';
import { kuboRefusal, refusalWords, type CidRefusal } from './kubo-refusal';
import { anyBase, unreadBytes } from './multibase';
import { parseWebUrl } from './web-url';

const LIBP2P_KEY = 0x72;

/** What a link points at: an immutable CID or an IPNS name, and a path inside it. */
export type ContentRef =
  | { namespace: 'ipfs'; cid: CID; path: string[]; filename?: string; cidText?: string }
  | { namespace: 'ipns'; name: string; path: string[]; filename?: string };

/** Why a text is not the name asked for, where the renderer words it apart from the rest. */
export type LinkProblem = 'immutable' | 'broken-key' | NameFault;

export class LinkError extends Error {
  constructor(
    message: string,
    readonly problem?: LinkProblem,
    /** The name the problem is about, for the renderer's sentence. */
    readonly subject?: string,
  ) {
    super(message);
  }
}

/** A CID that parses but that Kubo refuses (an insecure hash, a digest too short or too long), and why. */
export class RefusedCidError extends LinkError {
  constructor(
    /** The CID as written, which Inspect still takes apart. */
    readonly cidText: string,
    readonly refusal: CidRefusal,
  ) {
    super(refusalWords(cidText, refusal));
  }
}

/** Spaces and the invisible characters copied text brings along: zero-width space and joiners, word joiner, BOM. */
const PASTED_EDGES = /^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/g;

/** Pasted text without what surrounds it unseen; a CID or name with an invisible character is no longer it. */
export function trimPasted(text: string): string {
  return text.replace(PASTED_EDGES, '');
}

/** How IPNS keys start (base36 CIDv1, peer IDs in base58, base32 CIDv1): text that does is meant as a key. */
const KEY_LIKE = /^(k51|12D3Koo|Qm|bafz)/i;

export function parseCid(text: string): CID {
  const cid = cidOrNull(text);
  if (!cid) throw new LinkError(`${quoted(text)} is not a CID: ${cidFault(text)}.`);
  return cid;
}

/** A CID of content Kubo can fetch, pin and serve; a LinkError saying why otherwise. */
export function contentCid(text: string): CID {
  const written = trimPasted(text);
  return usable(parseCid(written), written);
}

function usable(cid: CID, written: string): CID {
  const refusal = kuboRefusal(cid);
  if (refusal) throw new RefusedCidError(written, refusal);
  return cid;
}

/** How path segments are written: as they are (content paths, which Kubo reads literally) or percent-encoded (URLs). */
type Segments = 'literal' | 'percent-encoded';

/**
 * An `ipfs://` or `ipns://` link, also in the forms that stand for one: `web+ipfs://` (the scheme a web page
 * can register a handler for) and `dweb:/ipfs/` (the URI form tools such as solc write). Its namespace, then the rest.
 */
const NATIVE_LINK = /^(?:(?:web\+)?(ipfs|ipns):\/\/|dweb:\/(ipfs|ipns)\/)(.*)$/is;

/**
 * Reads any form a person may paste: a CID, `/ipfs/<cid>/path`, `ipfs://<cid>/path`, `/ipns/<name>`,
 * `ipns://<name>`, a path gateway URL (`https://gw/ipfs/<cid>/path`) or a subdomain one
 * (`https://<cid>.ipfs.gw/path`), with `?filename=` kept.
 */
export function parseContentRef(input: string): ContentRef {
  const text = trimPasted(input);
  if (text === '') throw new LinkError('Paste a CID, an /ipfs/ or /ipns/ path, an ipfs:// link or a gateway URL.');
  if (text.startsWith('/')) return fromSegments(text.split('/').slice(1), undefined, 'literal');
  const native = NATIVE_LINK.exec(text);
  if (native) {
    const [, scheme, dwebNamespace, rest = ''] = native;
    const { pathname, filename } = splitQuery(rest);
    const namespace = (scheme ?? dwebNamespace ?? '').toLowerCase();
    return fromSegments([namespace, ...pathname.split('/')], filename, 'percent-encoded');
  }
  if (/^https?:\/\//i.test(text)) return fromGatewayUrl(text);
  // A gateway URL pasted without its scheme, read as a browser's address bar reads it.
  if (isSchemelessUrl(text)) return fromGatewayUrl(`https://${text}`);
  // A CID in base64 may hold a `/`: whole, it is still a CID.
  const whole = cidOrNull(text);
  // A peer ID in base58 (12D3KooW…) is no CID: alone, it can only be a name.
  if (!whole && !text.includes('/') && ipnsKey(text)) return { namespace: 'ipns', name: text, path: [] };
  if (!whole && !text.includes('/')) return bareName(text);
  if (whole) {
    const cid = whole;
    // A bare key (k51…) is a name: a libp2p-key CID never addresses content.
    return cid.code === LIBP2P_KEY
      ? { namespace: 'ipns', name: text, path: [] }
      : { namespace: 'ipfs', cid: usable(cid, text), path: [], cidText: text };
  }
  return fromSegments(['ipfs', ...text.split('/')], undefined, 'literal');
}

/** Text that starts like a CID (bafy…, Qm…) or a key: pasted short or altered, it is still meant as one. */
const CID_LIKE = /^(baf[a-z2-7]|Qm[1-9a-z]|k51|12D3Koo|z[1-9a-z]{20}|f01)/i;

/**
 * Text that is neither a CID nor a key, alone: a DNSLink name (example.org, as Kubo resolves it) or,
 * when it cannot be one, a LinkError saying why no link can carry it.
 */
function bareName(text: string): ContentRef {
  if ((CID_LIKE.test(text) || inUnreadBase(text)) && !text.includes('.')) parseCid(text);
  const name = asciiDomain(text);
  const fault = nameFault(name);
  if (!fault) return { namespace: 'ipns', name, path: [] };
  throw new LinkError(`${quoted(text)} is not a CID, nor a DNSLink name (${fault}).`, fault, text);
}

/** A CID written in a multibase Kubo does not read (base10, base32z…): refused as such, not taken for a name. */
function inUnreadBase(text: string): boolean {
  const bytes = unreadBytes(text);
  if (bytes === null) return false;
  try {
    CID.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A host name or address, with a port or not, followed by the rest of a URL or by nothing. */
const LEADING_HOST = /^(\[[0-9a-f:.]+\]|localhost|[\p{L}\p{N}_-]+(\.[\p{L}\p{N}_-]+)+)(:\d{1,5})?(?=[/?#]|$)/iu;

/**
 * Whether text is a gateway URL without `https://`: a host (`dweb.link`, `localhost:8080`; no CID has a
 * dot or colon) then a path (`dweb.link/ipfs/<cid>`), or a host that is a subdomain link by itself
 * (`<cid>.ipfs.dweb.link`). A bare domain (`example.com`) is not: it may be meant as a DNSLink name.
 */
function isSchemelessUrl(text: string): boolean {
  const host = LEADING_HOST.exec(text)?.[1];
  return host !== undefined && (text.length > host.length || subdomainRoot(host) !== null);
}

/**
 * The namespace and root of a subdomain gateway's host (`<cid>.ipfs.dweb.link`), or null. As Kubo reads
 * it, the root is every label before the namespace's: one for a CID, a key or an inlined DNSLink name,
 * or a whole DNSLink name, dots and all, as Kubo redirects to over plain http (dist.ipfs.tech.ipns.localhost).
 */
export function subdomainRoot(hostname: string): { namespace: 'ipfs' | 'ipns'; root: string } | null {
  const labels = hostname.split('.');
  for (let at = 1; at < labels.length - 1; at++) {
    const namespace = labels[at]?.toLowerCase();
    if (namespace !== 'ipfs' && namespace !== 'ipns') continue;
    const root = labels.slice(0, at).join('.');
    // A whole name needs a gateway of two labels or localhost after it: blog.example.ipns.cafe is a name itself.
    const gateway = labels.slice(at + 1);
    if (at > 1 && gateway.length < 2 && gateway[0]?.toLowerCase() !== 'localhost') continue;
    // A host such as gateway.ipfs.io is a path gateway's name, not a CID subdomain: its root says which.
    if (isRootLabel(namespace, root)) return { namespace, root };
  }
  return null;
}

function fromGatewayUrl(text: string): ContentRef {
  const url = parseWebUrl(text);
  if (!url) throw new LinkError(`${quoted(text)} is not a valid URL.`);
  const filename = url.searchParams.get('filename') ?? undefined;
  const segments = url.pathname.split('/').slice(1);
  const root = subdomainRoot(url.hostname);
  if (root) return fromSegments([root.namespace, root.root, ...segments], filename, 'percent-encoded');
  const routed = url.searchParams.get('uri');
  if (routed !== null && /^\/ip[fn]s\/$/.test(url.pathname)) return fromUriRouter(routed);
  const subdomain = /^([^.]+)\.(ipfs|ipns)\./i.exec(url.hostname);
  if (segments[0] === 'ipfs' || segments[0] === 'ipns') return fromSegments(segments, filename, 'percent-encoded');
  if (subdomain?.[1]) {
    throw new LinkError(
      `${quoted(subdomain[1])} in ${url.host} is not a CID or an IPNS name, and the URL has no /ipfs/ or /ipns/ path.`,
    );
  }
  throw new LinkError(`${url.host} is in the URL, but no /ipfs/ or /ipns/ path and no CID subdomain.`);
}

/**
 * The link a gateway's URI router (`/ipfs/?uri=ipfs://…`, where a browser's ipfs:// handler sends it)
 * redirects to; Kubo refuses any other scheme than ipfs:// and ipns:// there.
 */
function fromUriRouter(uri: string): ContentRef {
  if (!/^ip[fn]s:\/\//i.test(uri))
    throw new LinkError(`The gateway link’s uri= holds ${quoted(uri)}, where an ipfs:// or ipns:// link goes.`);
  return parseContentRef(uri);
}

/** Whether the labels before a namespace's can be the root of a subdomain gateway link in it. */
function isRootLabel(namespace: string, root: string): boolean {
  if (namespace === 'ipfs') return !root.includes('.') && cidOrNull(root) !== null;
  return ipnsKey(root) !== null || DOMAIN.test(ipnsName(root));
}

function fromSegments(segments: string[], filename: string | undefined, written: Segments): ContentRef {
  const [namespace, ...encoded] = segments;
  // The root too: a URL carries a name such as bücher.example percent-encoded. A gateway decodes the
  // path before it splits it, so an encoded slash (%2F) separates as a slash does: no name holds one.
  const afterNamespace =
    written === 'literal' ? encoded : encoded.flatMap((segment) => decodeSegment(segment).split('/'));
  const extra = filename === undefined ? {} : { filename };
  const pathOf = (rest: string[]) => withoutDotSegments(rest.filter((segment) => segment !== ''));
  if (namespace === 'ipfs') {
    const { cid, cidText, rest } = rootCid(afterNamespace);
    return { namespace, cid: usable(cid, cidText), path: pathOf(rest), cidText, ...extra };
  }
  const [root = '', ...rest] = afterNamespace;
  const path = pathOf(rest);
  if (namespace === 'ipns') {
    if (!root) throw new LinkError('An IPNS link needs a name after /ipns/.');
    const name = ipnsName(root);
    validIpnsName(name);
    return { namespace, name, path, ...extra };
  }
  throw new LinkError(`Expected /ipfs/ or /ipns/, found /${namespace ?? ''}/.`);
}

/**
 * The path as Kubo resolves it (Go’s path.Clean): `.` is dropped, `..` goes up one; going above the root is
 * refused, as Kubo refuses it. Left in a link, a browser would resolve them itself, above the root too.
 */
function withoutDotSegments(segments: string[]): string[] {
  const path: string[] = [];
  for (const segment of segments) {
    if (segment === '.') continue;
    if (segment !== '..') path.push(segment);
    else if (path.pop() === undefined) throw new LinkError('The path goes above its root with “..”: Kubo refuses it.');
  }
  return path;
}

/**
 * IPNS names are keys (CIDs or peer IDs, kept as given) or DNSLink domains; a subdomain gateway
 * writes a domain with its dots as dashes (en-wikipedia--on--ipfs-org), which is undone here.
 */
function ipnsName(label: string): string {
  if (ipnsKey(label)) return label;
  if (label.includes('.')) return asciiDomain(label);
  return asciiDomain(label.replace(/--|-/g, (match) => (match === '--' ? '-' : '.')));
}

/**
 * A domain as DNS and host names carry it: lower case, and an internationalised name in punycode
 * (bücher.example is xn--bcher-kva.example). Inlined into one label unconverted, a browser would
 * punycode the whole label instead, which no gateway reads back. Text that is no host name stays.
 */
function asciiDomain(written: string): string {
  // example.com. is example.com written in full (Kubo looks every name up so); as a host name or a
  // subdomain gateway's label (example-com-), the final dot would make another name.
  const name = written.endsWith('.') ? written.slice(0, -1) : written;
  const lower = name.toLowerCase();
  // ASCII needs lower case only; other text than letters, digits, dots, dashes and underscores is no host name.
  if (/^\p{ASCII}*$/u.test(name) || !/^[\p{L}\p{M}\p{N}._-]+$/u.test(name)) return lower;
  try {
    return new URL(`http://${name}`).hostname;
  } catch {
    return lower;
  }
}

/** An IPNS name that is a key, as a libp2p-key CIDv1; null for a DNSLink domain. */
export function ipnsKey(name: string): CID | null {
  try {
    return CID.createV1(LIBP2P_KEY, parseCid(name).multihash);
  } catch {
    // a peer ID written as a bare base58btc multihash (12D3KooW..., Qm...)
  }
  try {
    return CID.createV1(LIBP2P_KEY, Digest.decode(base58btc.baseDecode(name)));
  } catch {
    return null;
  }
}

const EXPECTED_NAME =
  'expected an IPNS key (k51…, 12D3KooW…), a DNSLink domain (example.org), /ipns/…, ipns://… or a gateway link to one.';

/** The name as Kubo resolves it (a key in base36, a domain in lower case), or a LinkError saying why it is none. */
function validIpnsName(name: string): { name: string; dnslink: boolean } {
  const key = ipnsKey(name);
  if (key) return { name: key.toString(base36), dnslink: false };
  const fault = nameFault(name);
  if (!fault) return { name: name.toLowerCase(), dnslink: true };
  if (KEY_LIKE.test(name)) {
    throw new LinkError(
      `${quoted(name)} starts like an IPNS key but is not a valid one: check that it was copied whole.`,
      'broken-key',
    );
  }
  throw new LinkError(`${quoted(name)} is not an IPNS name (${fault}): ${EXPECTED_NAME}`, fault, name);
}

/**
 * The IPNS name in anything a person may paste to resolve one: a bare key (k51…, 12D3KooW…) or
 * domain, `/ipns/` path, `ipns://` URL or gateway link. Keys come back as base36 CIDv1, the form
 * Kubo lists them in; anything that is not a key or a DNS name is refused with what was expected.
 */
export function ipnsRef(input: string): { name: string; path: string[]; dnslink: boolean } {
  const text = trimPasted(input);
  if (text === '') throw new LinkError(`Paste an IPNS name: ${EXPECTED_NAME}`);
  let name: string;
  let path: string[] = [];
  if (!/[/:]/.test(text) && !isContentCid(text) && !isSchemelessUrl(text)) {
    name = ipnsKey(text) ? text : asciiDomain(text);
  } else {
    const ref = parseContentRef(text);
    if (ref.namespace === 'ipfs') {
      throw new LinkError(
        `This is an immutable CID (/ipfs/), not an IPNS name: it always points to the same content. Open it in Share instead.`,
        'immutable',
      );
    }
    name = ref.name;
    path = ref.path;
  }
  return { ...validIpnsName(name), path };
}

/**
 * The CID at the start of `segments` and the path after it. A CID in base64 may itself hold a `/`,
 * so the longest run of leading segments that reads as a CID is taken.
 */
function rootCid(segments: string[]): { cid: CID; cidText: string; rest: string[] } {
  for (let count = segments.length; count > 1; count--) {
    const cidText = segments.slice(0, count).join('/');
    const cid = cidOrNull(cidText);
    if (cid) return { cid, cidText, rest: segments.slice(count) };
  }
  const [cidText = '', ...rest] = segments;
  if (cidText === '') throw new LinkError('A CID is missing after /ipfs/.');
  return { cid: parseCid(cidText), cidText, rest };
}

/**
 * The CID a text names, or null. Made from its bytes: a parsed CID keeps the text it came from and
 * writes it back as is, so `bAFY…` pasted in capitals would stay in every link and key. Read as Kubo
 * reads it: a CIDv0 in a multibase (`zQm…`, `bciq…`, `f1220…`) is that CIDv0, which CID.parse refuses.
 */
function cidOrNull(text: string): CID | null {
  try {
    return CID.decode(text.startsWith('Q') ? CID.parse(text).bytes : anyBase.decode(text));
  } catch {
    return null;
  }
}

function isContentCid(text: string): boolean {
  try {
    return parseCid(text).code !== LIBP2P_KEY;
  } catch {
    return false;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new LinkError(`The path segment ${quoted(segment)} is not valid percent-encoding.`);
  }
}

/** A URL's path and `?filename=`, after its `#fragment` is set aside (a fragment is never part of either). */
function splitQuery(rest: string): { pathname: string; filename: string | undefined } {
  const [beforeFragment = ''] = rest.split('#');
  const [pathname = '', query = ''] = beforeFragment.split('?');
  return { pathname, filename: new URLSearchParams(query).get('filename') ?? undefined };
}
