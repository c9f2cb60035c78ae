import { base16 } from 'multiformats/bases/base16';
import { base256emoji } from 'multiformats/bases/base256emoji';
import { base32 } from 'multiformats/bases/base32';
import { base36 } from 'multiformats/bases/base36';
import { base64 } from 'multiformats/bases/base64';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { sha256, sha512 } from 'multiformats/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { buildLink, linkKinds } from '../../shared/links/build-link';
import { ipnsRef, LinkError, parseCid, parseContentRef, type ContentRef } from '../../shared/links/content-ref';

const GATEWAY = 'https://dweb.link';
const LOCAL = 'http://localhost:8080';
const V0 = 'QmPK1s3pNYLi9ERiq3BDxKa4XosgWwFRQUydHUtz4YgpqB';
const v1Raw = CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode('hello')));
const v1Sha512 = CID.create(1, raw.code, await sha512.digest(new TextEncoder().encode('hello')));
// 35 bytes inline: 64 characters in base32 (one too many for a DNS label), 62 in base36.
const v1Identity = CID.create(1, raw.code, identity.digest(new Uint8Array(35).fill(1)));
const IPNS_KEY = 'k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8';
const PEER_ID = '12D3KooWJELNdhBEWWqC3KruP312TWnrnSaC74T8PdEpCHJNDehD';

/** A CID whose base64 form holds a `/`, which is also the path separator. */
function base64CidWithSlash(): CID {
  for (let seed = 0; ; seed++) {
    const candidate = CID.create(1, raw.code, identity.digest(new Uint8Array([seed, seed >> 8, 7, 7])));
    if (candidate.toString(base64).includes('/')) return candidate;
  }
}

function sameTarget(a: ContentRef, b: ContentRef): void {
  expect(b.namespace).toBe(a.namespace);
  expect(b.path).toEqual(a.path);
  if (a.namespace === 'ipfs' && b.namespace === 'ipfs') expect(b.cid.toV1().equals(a.cid.toV1())).toBe(true);
}

describe('parseContentRef', () => {
  const cid = v1Raw.toString();
  it.each([
    [cid, []],
    [`/ipfs/${cid}`, []],
    [`/ipfs/${cid}/a/b.txt`, ['a', 'b.txt']],
    [`ipfs://${cid}/a/b.txt`, ['a', 'b.txt']],
    [`${cid}/a/b.txt`, ['a', 'b.txt']],
    [`https://dweb.link/ipfs/${cid}/a/b.txt`, ['a', 'b.txt']],
    [`https://${cid}.ipfs.dweb.link/a/b.txt`, ['a', 'b.txt']],
    [`http://${cid}.ipfs.localhost:8080/caf%C3%A9%20au%20lait.txt`, ['café au lait.txt']],
    [`https://dweb.link/ipfs/${cid}?filename=report.pdf`, []],
  ])('reads %s', (input, path) => {
    const ref = parseContentRef(input);
    expect(ref.namespace).toBe('ipfs');
    if (ref.namespace === 'ipfs') expect(ref.cid.equals(v1Raw)).toBe(true);
    expect(ref.path).toEqual(path);
  });

  it.each([
    ['CIDv0', V0],
    ['base32', v1Raw.toString()],
    ['base36', v1Raw.toString(base36)],
    ['base16', v1Raw.toString(base16)],
    ['base64', v1Raw.toString(base64)],
  ])('reads a CID in %s', (_base, text) => {
    const ref = parseContentRef(text);
    expect(ref.namespace === 'ipfs' && ref.cid.toString()).toBe(text === V0 ? V0 : v1Raw.toString());
  });

  it('reads the web+ipfs:// and dweb:/ipfs/ forms of a link as the ipfs:// link they stand for', () => {
    for (const input of [
      `web+ipfs://${cid}/a%20b.txt`,
      `WEB+IPFS://${cid}/a%20b.txt`,
      `dweb:/ipfs/${cid}/a%20b.txt`,
      `DWEB:/ipfs/${V0}/a%20b.txt?filename=x#top`,
    ]) {
      expect(parseContentRef(input)).toMatchObject({ namespace: 'ipfs', path: ['a b.txt'] });
    }
    expect(parseContentRef(`web+ipns://${IPNS_KEY}/a`)).toMatchObject({
      namespace: 'ipns',
      name: IPNS_KEY,
      path: ['a'],
    });
    expect(parseContentRef('dweb:/ipns/Example.org/')).toMatchObject({ namespace: 'ipns', name: 'example.org' });
  });

  it('reads a gateway’s URI router link (/ipfs/?uri=ipfs://…), which a browser’s ipfs:// handler opens, as its ipfs:// link', () => {
    const native = `ipfs://${cid}/a%20b?filename=x.txt`;
    for (const router of ['https://dweb.link/ipfs/?uri=', 'http://127.0.0.1:8080/ipns/?uri=']) {
      expect(parseContentRef(`${router}${encodeURIComponent(native)}`)).toEqual(parseContentRef(native));
    }
    expect(parseContentRef(`https://dweb.link/ipns/?uri=${encodeURIComponent('ipns://dist.ipfs.tech/a')}`)).toEqual(
      parseContentRef('/ipns/dist.ipfs.tech/a'),
    );
    // Kubo answers 400 to any other scheme.
    expect(() => parseContentRef(`https://dweb.link/ipfs/?uri=${encodeURIComponent('https://example.com')}`)).toThrow(
      /uri= .*ipfs:\/\/ or ipns:\/\//,
    );
  });

  it('keeps the file name of ?filename=, without the #fragment after it', () => {
    expect(parseContentRef(`https://dweb.link/ipfs/${V0}?filename=a%20b.txt`).filename).toBe('a b.txt');
    expect(parseContentRef(`ipfs://${cid}?filename=report.pdf#page=2`).filename).toBe('report.pdf');
    expect(parseContentRef(`ipfs://${cid}/a.pdf#page=2`).path).toEqual(['a.pdf']);
  });

  it('reads a content path literally, as Kubo does, and decodes only the segments of a URL', () => {
    expect(parseContentRef(`/ipfs/${cid}/a%20b.txt`).path).toEqual(['a%20b.txt']);
    expect(parseContentRef(`/ipfs/${cid}/100% sure.txt`).path).toEqual(['100% sure.txt']);
    expect(parseContentRef(`${cid}/a%20b.txt`).path).toEqual(['a%20b.txt']);
    expect(parseContentRef(`/ipns/${IPNS_KEY}/a%20b.txt`).path).toEqual(['a%20b.txt']);
    expect(parseContentRef(`ipfs://${cid}/a%20b.txt`).path).toEqual(['a b.txt']);
    expect(parseContentRef(`https://dweb.link/ipfs/${cid}/a%20b.txt`).path).toEqual(['a b.txt']);
  });

  it('resolves . and .. in a pasted path as Kubo does, and refuses a path that climbs above its root', () => {
    expect(parseContentRef(`/ipfs/${cid}/a/./b/../c.txt`).path).toEqual(['a', 'c.txt']);
    expect(parseContentRef(`ipfs://${cid}/a/%2E%2E/c.txt`).path).toEqual(['c.txt']);
    expect(parseContentRef(`/ipns/${IPNS_KEY}/a/..`).path).toEqual([]);
    for (const input of [`/ipfs/${cid}/..`, `ipfs://${cid}/a/../..`, `/ipns/${IPNS_KEY}/..`, `${cid}/../x`]) {
      expect(() => parseContentRef(input)).toThrow(/goes above its root/);
    }
  });

  it('reads an encoded slash in a link as a separator, as Kubo’s gateway does, dot segments included', () => {
    expect(parseContentRef(`ipfs://${cid}/a%2Fb.txt`).path).toEqual(['a', 'b.txt']);
    expect(parseContentRef(`https://${cid}.ipfs.dweb.link/a%2f..%2Fc.txt`).path).toEqual(['c.txt']);
    expect(parseContentRef(`https://dweb.link/ipfs/${cid}%2Fa%2Fb.txt`).path).toEqual(['a', 'b.txt']);
    expect(() => parseContentRef(`https://dweb.link/ipfs/${cid}/a%2F..%2F..`)).toThrow(/goes above its root/);
    // A content path is read literally: %2F there is part of a name.
    expect(parseContentRef(`/ipfs/${cid}/a%2Fb.txt`).path).toEqual(['a%2Fb.txt']);
  });

  it('reads a CID whose base64 form holds a /, alone or followed by a path', () => {
    const slashed = base64CidWithSlash();
    const alone = parseContentRef(slashed.toString(base64));
    expect(alone.namespace === 'ipfs' && alone.cid.equals(slashed)).toBe(true);
    for (const input of [`${slashed.toString(base64)}/a.txt`, `/ipfs/${slashed.toString(base64)}/a.txt`]) {
      const ref = parseContentRef(input);
      expect(ref.namespace === 'ipfs' && ref.cid.equals(slashed)).toBe(true);
      expect(ref.path).toEqual(['a.txt']);
    }
  });

  it('reads a CID in base256emoji, whose prefix is two UTF-16 code units', () => {
    const ref = parseContentRef(v1Raw.toString(base256emoji));
    expect(ref.namespace === 'ipfs' && ref.cid.equals(v1Raw)).toBe(true);
  });

  it('writes a CID pasted in capitals or mixed case as Kubo writes it, in lower case', () => {
    const text = v1Raw.toString();
    const inBase36 = v1Raw.toString(base36);
    // Every other letter in capitals; the first, the multibase prefix, as it is.
    const mixed = (form: string) => form.replace(/./g, (char, i: number) => (i % 2 ? char.toUpperCase() : char));
    for (const pasted of [`b${text.slice(1).toUpperCase()}`, mixed(text), mixed(inBase36)]) {
      const ref = parseContentRef(pasted);
      expect(ref.namespace === 'ipfs' && [ref.cid.toString(), ref.cid.toString(base36)]).toEqual([text, inBase36]);
      expect(buildLink(ref, 'native').url).toBe(`ipfs://${text}`);
      expect(buildLink(ref, 'path', GATEWAY).url).toBe(`${GATEWAY}/ipfs/${text}`);
      expect(parseCid(pasted).toString()).toBe(text);
    }
  });

  it.each(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', ' \u200b\n'])(
    'reads a pasted CID, path or link with %j around it',
    (unseen) => {
      for (const input of [cid, `/ipfs/${cid}/a`, `ipfs://${cid}/a`, `https://dweb.link/ipfs/${cid}/a`]) {
        const ref = parseContentRef(`${unseen}${input}${unseen}`);
        expect(ref.namespace === 'ipfs' && ref.cid.equals(v1Raw)).toBe(true);
      }
    },
  );

  it('keeps the CID as it was written', () => {
    for (const text of [v1Raw.toString(base16), v1Raw.toString().toUpperCase(), V0]) {
      expect(parseContentRef(` ${text} `)).toMatchObject({ cidText: text });
      expect(parseContentRef(`/ipfs/${text}/a`)).toMatchObject({ cidText: text });
    }
  });

  it('reads a path gateway whose host name holds ".ipfs." as a path gateway', () => {
    for (const host of ['gateway.ipfs.io', 'my.ipfs.example.com']) {
      const ref = parseContentRef(`https://${host}/ipfs/${cid}/hello.txt`);
      expect(ref.namespace === 'ipfs' && ref.cid.equals(v1Raw)).toBe(true);
      expect(ref.path).toEqual(['hello.txt']);
    }
  });

  it.each([
    ['http://dist.ipfs.tech.ipns.localhost:8080/a%20b?x=1', 'dist.ipfs.tech', ['a b']],
    ['https://en.wikipedia-on-ipfs.org.ipns.dweb.link/wiki/', 'en.wikipedia-on-ipfs.org', ['wiki']],
    ['docs.ipfs.tech.ipns.localhost:8080', 'docs.ipfs.tech', []],
    ['_dnslink-site.example.org.ipns.dweb.link/', '_dnslink-site.example.org', []],
  ])(
    'reads %s, a subdomain gateway host holding a whole DNSLink name, as Kubo serves it over http',
    (url, name, path) => {
      expect(parseContentRef(url)).toEqual({ namespace: 'ipns', name, path });
      expect(ipnsRef(url)).toEqual({ name, path, dnslink: true });
    },
  );

  it('reads a domain with .ipns. before a top-level domain alone as the DNSLink name it is, no gateway being a TLD', () => {
    expect(parseContentRef('blog.example.ipns.cafe')).toEqual({
      namespace: 'ipns',
      name: 'blog.example.ipns.cafe',
      path: [],
    });
  });

  it.each([
    [`/ipns/${IPNS_KEY}`, IPNS_KEY],
    [`ipns://${PEER_ID}`, PEER_ID],
    ['ipns://en.wikipedia-on-ipfs.org/wiki', 'en.wikipedia-on-ipfs.org'],
    ['https://en-wikipedia--on--ipfs-org.ipns.dweb.link/wiki', 'en.wikipedia-on-ipfs.org'],
  ])('reads the IPNS name of %s', (input, name) => {
    const ref = parseContentRef(input);
    expect(ref.namespace === 'ipns' && ref.name).toBe(name);
  });

  // Each refused by Kubo 0.43.1 too: `ipfs cid format` answered the words after the input.
  it.each([
    ['xabc', 'selected encoding not supported', /“x” is none/],
    ['bafy bei', 'illegal base32 data at input byte 3', /not valid base32/],
    ['f01ff', 'varints malformed, could not reach the end', /cut short/],
    ['f01551220aa', 'length greater than remaining number of bytes in buffer', /cut short/],
    ['bafkqaaaa', 'trailing bytes in data buffer passed to cid Cast', /has 1 byte more than its hash holds/],
    ['f0055122000', 'expected 1 as the cid version number, got: 0', /give CID version 0/],
    ['f02551200', 'expected 1 as the cid version number, got: 2', /give CID version 2/],
    [`f1340${'00'.repeat(64)}`, 'expected 1 as the cid version number, got: 19', /a bare sha2-512 hash/],
    [V0.slice(0, -1), 'selected encoding not supported', /has 46 characters and this has 45/],
  ])('says what is wrong with the CID %s, which Kubo refuses (%s)', (input, _kubo, reason) => {
    expect(() => parseCid(input)).toThrow(LinkError);
    expect(() => parseCid(input)).toThrow(reason);
    expect(() => parseContentRef(`/ipfs/${input}`)).toThrow(reason);
  });

  it.each([
    ['', /Paste a CID/],
    ['hello', /“hello” is not a CID/],
    ['https://example.com/index.html', /no \/ipfs\/ or \/ipns\/ path/],
    [`ipfs://${V0}/%E0%A4%A`, /not valid percent-encoding/],
    ['https://gateway.ipfs.io/index.html', /“gateway” in gateway\.ipfs\.io is not a CID or an IPNS name/],
    ['/ipns/', /needs a name/],
    ['/ipfs/', /^A CID is missing after \/ipfs\/\.$/],
    ['ipfs://', /^A CID is missing after \/ipfs\/\.$/],
    [`/IPFS/${cid}`, /^Expected \/ipfs\/ or \/ipns\/, found \/IPFS\/\.$/],
    [`https://exa mple.com/ipfs/${cid}`, /is not a valid URL/],
    [`http://[::1/ipfs/${cid}`, /is not a valid URL/],
  ])('says what is wrong with %j', (input, message) => {
    expect(() => parseContentRef(input)).toThrow(LinkError);
    expect(() => parseContentRef(input)).toThrow(message);
  });
});

describe('buildLink', () => {
  it('writes native, path and subdomain links, converting CIDv0 for the subdomain', () => {
    const ref = parseContentRef(`/ipfs/${V0}/docs/read me.txt`);
    const v1 = CID.parse(V0).toV1().toString();
    expect(buildLink(ref, 'native')).toEqual({ kind: 'native', url: `ipfs://${v1}/docs/read%20me.txt` });
    expect(buildLink(ref, 'path', GATEWAY)).toEqual({
      kind: 'path',
      url: `https://dweb.link/ipfs/${V0}/docs/read%20me.txt`,
    });
    expect(buildLink(ref, 'subdomain', LOCAL)).toEqual({
      kind: 'subdomain',
      url: `http://${v1}.ipfs.localhost:8080/docs/read%20me.txt`,
      note: 'CIDv0 converted to CIDv1 for a case-insensitive host name.',
    });
  });

  it('falls back to base36 past 63 characters; past that, to a path link on loopback and to none elsewhere', () => {
    const long = buildLink({ namespace: 'ipfs', cid: v1Identity, path: [] }, 'subdomain', GATEWAY);
    expect(v1Identity.toString().length).toBe(64);
    expect(long.kind).toBe('subdomain');
    expect(long.url).toBe(`https://${v1Identity.toString(base36)}.ipfs.dweb.link/`);
    expect(long.note).toMatch(/base36/);
    // dweb.link, like Kubo on localhost, answers a path request on its host with a redirect to the
    // subdomain, and HTTP 400 when the CID cannot be one: no link works there.
    const tooLong = buildLink({ namespace: 'ipfs', cid: v1Sha512, path: ['a'] }, 'subdomain', GATEWAY);
    expect(tooLong).toMatchObject({ kind: 'subdomain', url: null });
    expect(tooLong.note).toMatch(/longer than a DNS label \(63\).*dweb\.link serves content only on subdomains/);
    // Kubo serves paths on its IP address: the same gateway by 127.0.0.1 (or the address it was given).
    for (const [gateway, origin] of [
      [LOCAL, 'http://127.0.0.1:8080'],
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
      ['http://[::1]:8080', 'http://[::1]:8080'],
    ]) {
      const onLoopback = buildLink({ namespace: 'ipfs', cid: v1Sha512, path: ['a'] }, 'subdomain', gateway);
      expect(onLoopback).toMatchObject({ kind: 'path', url: `${origin}/ipfs/${v1Sha512.toString()}/a` });
    }
  });

  it('writes native links in base32 CIDv1 at any length: the 63-character rule is a host label rule', () => {
    for (const cid of [v1Sha512, v1Identity]) {
      const native = buildLink({ namespace: 'ipfs', cid, path: ['a'] }, 'native');
      expect(cid.toString(base32).length).toBeGreaterThan(63);
      expect(native).toEqual({ kind: 'native', url: `ipfs://${cid.toString(base32)}/a` });
      sameTarget({ namespace: 'ipfs', cid, path: ['a'] }, parseContentRef(native.url ?? 'no link'));
    }
  });

  it.each([
    ['native', 'ipns://en.wikipedia-on-ipfs.org/wiki/Main%20Page'],
    ['path', 'https://dweb.link/ipns/en.wikipedia-on-ipfs.org/wiki/Main%20Page'],
    ['subdomain', 'https://en-wikipedia--on--ipfs-org.ipns.dweb.link/wiki/Main%20Page'],
  ] as const)('writes a DNSLink name as a %s link: dots inlined only in a host label', (kind, url) => {
    const ref = parseContentRef('/ipns/en.wikipedia-on-ipfs.org/wiki/Main Page');
    expect(buildLink(ref, kind, GATEWAY)).toEqual({ kind, url });
    expect(parseContentRef(url)).toEqual(ref);
  });

  it.each([
    ['https://GW.Example.ORG/', 'https://gw.example.org/ipfs/V0/a%20b', 'https://B32.ipfs.gw.example.org/a%20b'],
    [
      'https://gw.example.org:8443',
      'https://gw.example.org:8443/ipfs/V0/a%20b',
      'https://B32.ipfs.gw.example.org:8443/a%20b',
    ],
    ['https://gw.example.org:443/', 'https://gw.example.org/ipfs/V0/a%20b', 'https://B32.ipfs.gw.example.org/a%20b'],
    ['http://[::1]:8080/', 'http://[::1]:8080/ipfs/V0/a%20b', 'http://B32.ipfs.localhost:8080/a%20b'],
    ['http://LOCALHOST:8080', 'http://localhost:8080/ipfs/V0/a%20b', 'http://B32.ipfs.localhost:8080/a%20b'],
  ])('writes links on a gateway written %s as on its origin, in lower case', (gateway, path, subdomain) => {
    const ref: ContentRef = { namespace: 'ipfs', cid: CID.parse(V0), path: ['a b'] };
    const b32 = CID.parse(V0).toV1().toString(base32);
    expect(buildLink(ref, 'path', gateway).url).toBe(path.replace('V0', V0));
    expect(buildLink(ref, 'subdomain', gateway).url).toBe(subdomain.replace('B32', b32));
    for (const url of [path, subdomain]) sameTarget(ref, parseContentRef(url.replace('V0', V0).replace('B32', b32)));
  });

  it('keeps a single file name with ?filename=, percent-encoded', () => {
    const ref: ContentRef = { namespace: 'ipfs', cid: v1Raw, path: [], filename: 'Q3 report #2 (final).pdf' };
    expect(buildLink(ref, 'path', GATEWAY).url).toBe(
      `https://dweb.link/ipfs/${v1Raw.toString()}?filename=Q3%20report%20%232%20(final).pdf`,
    );
  });

  it('writes a query on a subdomain link after the root path, as Kubo redirects to, and keeps ?filename= beside a path', () => {
    const b32 = v1Raw.toString(base32);
    const single: ContentRef = { namespace: 'ipfs', cid: v1Raw, path: [], filename: 'a b.txt' };
    expect(buildLink(single, 'subdomain', GATEWAY).url).toBe(`https://${b32}.ipfs.dweb.link/?filename=a%20b.txt`);
    expect(buildLink(single, 'subdomain', LOCAL).url).toBe(`http://${b32}.ipfs.localhost:8080/?filename=a%20b.txt`);
    const inFolder = parseContentRef(`https://dweb.link/ipfs/${V0}/sub/a.txt?filename=report.pdf`);
    const v0b32 = CID.parse(V0).toV1().toString(base32);
    expect(linkKinds.map((kind) => buildLink(inFolder, kind, GATEWAY).url)).toEqual([
      `ipfs://${v0b32}/sub/a.txt?filename=report.pdf`,
      `https://dweb.link/ipfs/${V0}/sub/a.txt?filename=report.pdf`,
      `https://${v0b32}.ipfs.dweb.link/sub/a.txt?filename=report.pdf`,
    ]);
  });

  it('puts a subdomain link on loopback under localhost, and gives a path link for any other IP address', () => {
    const ref = parseContentRef(`/ipfs/${V0}/a b`);
    const base = CID.parse(V0).toV1().toString(base32);
    expect(buildLink(ref, 'subdomain', 'http://127.0.0.1:8080').url).toBe(`http://${base}.ipfs.localhost:8080/a%20b`);
    expect(buildLink(ref, 'subdomain', 'http://[::1]:8080').url).toBe(`http://${base}.ipfs.localhost:8080/a%20b`);
    for (const gateway of ['http://192.168.1.20:8080', 'http://[2001:db8::1]:8080']) {
      const link = buildLink(ref, 'subdomain', gateway);
      expect(link).toMatchObject({ kind: 'path', url: `${new URL(gateway).origin}/ipfs/${V0}/a%20b` });
      expect(link.note).toMatch(/IP address/);
    }
  });

  it('gives a path link on a loopback address other than 127.0.0.1 and ::1, which *.localhost does not reach', () => {
    const ref = parseContentRef(`/ipfs/${V0}/a b`);
    for (const gateway of ['http://127.0.0.2:8080', 'http://127.1.2.3:8080']) {
      const link = buildLink(ref, 'subdomain', gateway);
      expect(link).toMatchObject({ kind: 'path', url: `${gateway}/ipfs/${V0}/a%20b` });
      expect(link.note).toMatch(/IP address/);
    }
  });

  it('writes every gateway link as the URL serializer writes it: a root ends in its slash, a query follows it', () => {
    const pasted = [
      V0,
      `ipfs://${V0}?filename=it's (1).txt`,
      `/ipfs/${v1Raw.toString()}/a+b&c=d/e!f'g(h)*i$j,k;l:m@n/ü x#.txt`,
      `/ipns/${IPNS_KEY}`,
      `ipns://${PEER_ID}?filename=a%20b.txt`,
      '/ipns/en.wikipedia-on-ipfs.org',
      'ipns://en.wikipedia-on-ipfs.org?filename=index.html',
    ];
    const refs = pasted.map((text) => parseContentRef(text.replace('#', '%23')));
    refs.push({ namespace: 'ipfs', cid: v1Identity, path: [] });
    const gateways = [GATEWAY, LOCAL, 'http://127.0.0.1:8080'];
    const links = refs.flatMap((ref) =>
      gateways.flatMap((gateway) => (['path', 'subdomain'] as const).map((kind) => buildLink(ref, kind, gateway).url)),
    );
    expect(links.filter((url) => url === null || new URL(url).href !== url)).toEqual([]);
    expect(buildLink(refs[0] as ContentRef, 'subdomain', GATEWAY).url).toMatch(/\.ipfs\.dweb\.link\/$/);
    expect(buildLink(refs[1] as ContentRef, 'subdomain', LOCAL).url).toMatch(
      /\.ipfs\.localhost:8080\/\?filename=it%27s%20\(1\)\.txt$/,
    );
  });

  it('quotes pasted text in an error isolated, each hidden character shown: a bidi control cannot reorder the sentence', () => {
    const messages = ['abc\u202Eexe.fdp', '/ipns/a\u2067b c', 'https://x\u202E.example/', 'bafy\u200F%zz'].map(
      (text) => {
        try {
          parseContentRef(text);
          return 'parsed';
        } catch (error) {
          return error instanceof LinkError ? error.message : String(error);
        }
      },
    );
    for (const message of messages) {
      expect(message).toMatch(/“[^”]*⟨U\+[0-9A-F]{4}⟩[^”]*”/);
      // No control is left raw to reorder the sentence.
      expect(message).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    }
  });

  it('writes IPNS keys in base36 and DNSLink names with dashes in subdomains', () => {
    const key = buildLink(parseContentRef(`/ipns/${PEER_ID}`), 'subdomain', GATEWAY);
    expect(key.url).toMatch(/^https:\/\/k51[0-9a-z]+\.ipns\.dweb\.link\/$/);
    expect(parseContentRef(key.url ?? 'no link')).toMatchObject({ namespace: 'ipns' });
    const dnslink = buildLink(parseContentRef('/ipns/en.wikipedia-on-ipfs.org/wiki/'), 'subdomain', GATEWAY);
    expect(dnslink.url).toBe('https://en-wikipedia--on--ipfs-org.ipns.dweb.link/wiki');
    expect(buildLink(parseContentRef(`/ipns/${IPNS_KEY}`), 'native').url).toBe(`ipns://${IPNS_KEY}`);
  });

  it('says a key too long for a subdomain is so in base36, not that its dots were written as dashes', async () => {
    const key = CID.createV1(0x72, await sha512.digest(new TextEncoder().encode('key'))).toString(base36);
    const link = buildLink(parseContentRef(`/ipns/${key}`), 'subdomain', GATEWAY);
    expect(link.url).toBeNull();
    expect(link.note).toMatch(/^This key is \d+ characters even in base36, longer than a DNS label \(63\)/);
  });

  it('points to the ipns:// link when a DNSLink name is too long for a subdomain gateway', () => {
    const ref = parseContentRef(`/ipns/${'a'.repeat(40)}.${'b'.repeat(30)}.example`);
    const link = buildLink(ref, 'subdomain', GATEWAY);
    expect(link.url).toBeNull();
    expect(link.note).toMatch(/Use the ipns:\/\/ link or a path gateway\.$/);
  });

  const names = [
    'plain.txt',
    'café au lait.txt',
    'ünïcødé/日本語.txt',
    'a#b?c&d=e.txt',
    '100% real.txt',
    "it's (1) [x] {y}.txt",
  ];
  const cids = [
    ['CIDv0', CID.parse(V0)],
    ['CIDv1 raw', v1Raw],
    ['sha2-512', v1Sha512],
    ['identity', v1Identity],
  ] as const;
  for (const [label, cid] of cids) {
    for (const kind of linkKinds) {
      it(`round-trips ${label} as a ${kind} link, with every awkward name`, () => {
        for (const name of names) {
          const ref: ContentRef = { namespace: 'ipfs', cid, path: ['dir', ...name.split('/')] };
          // On loopback, where a CID too long for a subdomain still has a (path) link.
          const link = buildLink(ref, kind, kind === 'subdomain' ? LOCAL : GATEWAY);
          if (link.url === null) throw new Error(link.note);
          sameTarget(ref, parseContentRef(link.url));
          // Spaces, # and ? in names are percent-encoded, never left to end the path early.
          expect(link.url).not.toMatch(/[\s#?]/);
        }
      });
    }
  }
});
