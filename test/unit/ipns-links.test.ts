import { base36 } from 'multiformats/bases/base36';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { buildLink, linkKinds } from '../../shared/links/build-link';
import { ipnsKey, ipnsRef, LinkError, parseContentRef } from '../../shared/links/content-ref';

const IPNS_KEY = 'k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8';
const PEER_ID = '12D3KooWJELNdhBEWWqC3KruP312TWnrnSaC74T8PdEpCHJNDehD';
const PEER_AS_KEY = ipnsKey(PEER_ID)?.toString(base36) ?? '';
const content = CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode('hello'))).toString();

describe('ipnsRef', () => {
  it.each([
    [IPNS_KEY, IPNS_KEY, [], false],
    [PEER_ID, PEER_AS_KEY, [], false],
    [`/ipns/${IPNS_KEY}/a/b c.txt`, IPNS_KEY, ['a', 'b c.txt'], false],
    [`ipns://${PEER_ID}/docs`, PEER_AS_KEY, ['docs'], false],
    [`https://${IPNS_KEY}.ipns.dweb.link/x`, IPNS_KEY, ['x'], false],
    [`http://127.0.0.1:8080/ipns/${IPNS_KEY}`, IPNS_KEY, [], false],
    ['example.org', 'example.org', [], true],
    ['ipns://Docs.Example.org/guide', 'docs.example.org', ['guide'], true],
    ['https://en-wikipedia--on--ipfs-org.ipns.dweb.link/wiki', 'en.wikipedia-on-ipfs.org', ['wiki'], true],
    [`\u200b${IPNS_KEY}\u2060`, IPNS_KEY, [], false],
  ])('reads %s', (input, name, path, dnslink) => {
    expect(ipnsRef(input)).toEqual({ name, path, dnslink });
  });

  it.each([
    ['', /^Paste an IPNS name/],
    ['not_a_name', /^“not_a_name” is not an IPNS name \(single-label\): expected an IPNS key/],
    ['/ipns/not_a_name', /^“not_a_name” is not an IPNS name/],
    ['k51qzi5uqu5-broken', /^“k51qzi5uqu5-broken” starts like an IPNS key but is not a valid one/],
    ['ipns://12D3KooWcutshort', /^“12d3koowcutshort” starts like an IPNS key/],
    [`/ipfs/${content}`, /^This is an immutable CID \(\/ipfs\/\), not an IPNS name/],
    [content, /^This is an immutable CID/],
    ['https://example.com/index.html', /no \/ipfs\/ or \/ipns\/ path/],
  ])('says what is wrong with %j', (input, message) => {
    expect(() => ipnsRef(input)).toThrow(LinkError);
    expect(() => ipnsRef(input)).toThrow(message);
  });
});

describe('IPNS links', () => {
  it('reads a bare key (k51…) as a name, not as content', () => {
    expect(parseContentRef(IPNS_KEY)).toEqual({ namespace: 'ipns', name: IPNS_KEY, path: [] });
    expect(parseContentRef(content).namespace).toBe('ipfs');
  });

  it('writes ipns:// and gateway links with the key in base36, whatever form it was given in', () => {
    const ref = parseContentRef(`/ipns/${PEER_ID}/read me.txt`);
    expect(buildLink(ref, 'native').url).toBe(`ipns://${PEER_AS_KEY}/read%20me.txt`);
    expect(buildLink(ref, 'subdomain', 'http://localhost:8080').url).toBe(
      `http://${PEER_AS_KEY}.ipns.localhost:8080/read%20me.txt`,
    );
    // Kubo's gateway redirects /ipns/<peer ID> to the same key in base36: the link is that already.
    expect(buildLink(ref, 'path', 'https://dweb.link').url).toBe(`https://dweb.link/ipns/${PEER_AS_KEY}/read%20me.txt`);
  });

  it('reads a peer ID pasted alone (12D3KooW…) as a name, as it reads a k51… key', () => {
    expect(parseContentRef(` ${PEER_ID}\n`)).toEqual({ namespace: 'ipns', name: PEER_ID, path: [] });
  });

  it('writes an internationalised DNSLink name in punycode, which a browser keeps and a gateway reads back', () => {
    for (const input of [
      '/ipns/Bücher.example/a',
      'ipns://bücher.example/a',
      'https://dweb.link/ipns/b%C3%BCcher.example/a',
    ]) {
      const ref = parseContentRef(input);
      expect(ref).toEqual({ namespace: 'ipns', name: 'xn--bcher-kva.example', path: ['a'] });
      // Left in Unicode, the browser would punycode the whole label (xn--bcher-example-wob), which no
      // gateway reads back as the name.
      expect(buildLink(ref, 'subdomain', 'https://dweb.link').url).toBe(
        'https://xn----bcher--kva-example.ipns.dweb.link/a',
      );
      expect(buildLink(ref, 'path', 'https://dweb.link').url).toBe('https://dweb.link/ipns/xn--bcher-kva.example/a');
    }
    const inner = buildLink(parseContentRef('ipns://www.bücher.example'), 'subdomain', 'https://dweb.link').url ?? '';
    expect(inner).toBe('https://www-xn----bcher--kva-example.ipns.dweb.link/');
    expect(new URL(inner).href).toBe(inner);
    expect(parseContentRef(inner)).toEqual({ namespace: 'ipns', name: 'www.xn--bcher-kva.example', path: [] });
    expect(ipnsRef('bücher.example')).toEqual({ name: 'xn--bcher-kva.example', path: [], dnslink: true });
  });

  it.each(linkKinds)('round-trips a key as a %s link to the same name and path', (kind) => {
    const link = buildLink({ namespace: 'ipns', name: IPNS_KEY, path: ['a b', 'c#d'] }, kind, 'https://dweb.link');
    expect(ipnsRef(link.url ?? 'no link')).toEqual({ name: IPNS_KEY, path: ['a b', 'c#d'], dnslink: false });
  });

  it('gives no subdomain link for a DNSLink name too long for one DNS label, and says why; a path link on loopback', () => {
    const name = `${'a'.repeat(30)}.${'b'.repeat(30)}.example.org`;
    const link = buildLink({ namespace: 'ipns', name, path: [] }, 'subdomain', 'https://dweb.link');
    expect(link).toMatchObject({ kind: 'subdomain', url: null });
    expect(link.note).toMatch(/^This name is 73 characters as one DNS label \(dots written as dashes\)/);
    const local = buildLink({ namespace: 'ipns', name, path: [] }, 'subdomain', 'http://localhost:8080');
    expect(local).toMatchObject({ kind: 'path', url: `http://127.0.0.1:8080/ipns/${name}` });
  });
});
