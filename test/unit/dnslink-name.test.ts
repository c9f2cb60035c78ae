import { describe, expect, it } from 'vitest';
import { buildLink } from '../../shared/links/build-link';
import { ipnsRef, LinkError, parseContentRef } from '../../shared/links/content-ref';
import { nameFault } from '../../shared/links/dnslink-name';
import { linkErrorWords } from '../../renderer/app/link-words';

/** The error parseContentRef throws for `input`, or a failure when it reads it. */
function refusal(read: (input: string) => unknown, input: string): LinkError {
  try {
    read(input);
  } catch (error) {
    if (error instanceof LinkError) return error;
    throw error;
  }
  throw new Error(`${input} was read`);
}

describe('a bare domain pasted in Share', () => {
  it.each([
    ['example.com', 'example.com'],
    ['docs.ipfs.tech', 'docs.ipfs.tech'],
    ['en.wikipedia-on-ipfs.org', 'en.wikipedia-on-ipfs.org'],
    [' Docs.IPFS.tech.\n', 'docs.ipfs.tech'],
    ['_dnslink-site.example.org', '_dnslink-site.example.org'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('reads %j as the DNSLink name %s', (input, name) => {
    expect(parseContentRef(input)).toEqual({ namespace: 'ipns', name, path: [] });
  });

  it('offers /ipns/ and ipns:// links for it', () => {
    const ref = parseContentRef('en.wikipedia-on-ipfs.org');
    expect(buildLink(ref, 'native').url).toBe('ipns://en.wikipedia-on-ipfs.org');
    expect(buildLink(ref, 'path', 'https://dweb.link').url).toBe('https://dweb.link/ipns/en.wikipedia-on-ipfs.org');
    expect(buildLink(ref, 'subdomain', 'https://dweb.link').url).toBe(
      'https://en-wikipedia--on--ipfs-org.ipns.dweb.link/',
    );
  });

  it('still reads a text that starts like a CID as a broken CID', () => {
    expect(refusal(parseContentRef, 'bafybeigdyrztbroken').message).toBe(
      '“bafybeigdyrztbroken” is not a CID: it ends before its hash does: it was cut short, perhaps when copied.',
    );
    expect(refusal(parseContentRef, 'QmPK1s3pNYLi9ERiq3BDxKa4Xo').problem).toBeUndefined();
  });
});

describe('names Kubo would look up but no link can carry', () => {
  // Kubo takes each of these after /ipns/ and asks DNS (test/integration/dnslink-fidelity.test.ts):
  // it never refuses the form, so Cairn says why it does.
  it.each([
    ['localhost', 'single-label', /a single word, and a DNSLink name is a domain with a dot/],
    ['myhost', 'single-label', /looks a single word up in its own network/],
    ['my files', 'space', /no domain name has a space/],
    ['exa mple.com', 'space', /no domain name has a space/],
    ['user@example.com', 'at-sign', /before it is taken for a user name and dropped/],
    ['example.com!', 'not-a-domain', /letters, digits, hyphens and dots/],
    ['192.168.1.1', 'ip-address', /it is an IP address/],
  ])('refuses %j (%s), saying why', (input, fault, words) => {
    expect(nameFault(input)).toBe(fault);
    const bare = refusal(parseContentRef, input);
    expect(bare.problem).toBe(fault);
    expect(linkErrorWords(bare, input)).toMatch(new RegExp(`^“${input}” is not a CID, nor an IPNS name: `));
    expect(linkErrorWords(bare, input)).toMatch(words);
    // After /ipns/, only a name was meant; the Names view refuses it for the same reason.
    const named = refusal(parseContentRef, `/ipns/${input}`);
    expect(named.problem).toBe(fault);
    expect(linkErrorWords(named, `/ipns/${input}`)).toMatch(/^“.+” is not an IPNS name: /);
    expect(refusal(ipnsRef, input).problem).toBe(fault);
  });
});
