import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { sha256 } from 'multiformats/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { linkToCopy, shareLinks } from '../../renderer/features/share/share-links';
import { parseContentRef } from '../../shared/links/content-ref';
import { defaultSettings, gatewaySchema } from '../../shared/settings';

const cid = CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode('hello')));
const ref = { namespace: 'ipfs' as const, cid, path: [] };

describe('shareLinks', () => {
  it('labels a gateway by its stored name with what it hides shown, as every list of gateways does', () => {
    const share = defaultSettings().share;
    share.gateways = share.gateways.map((gateway) =>
      gateway.id === 'dweb-link' ? { ...gateway, name: 'dweb\u202Eknil', enabled: true } : gateway,
    );
    const labels = shareLinks(ref, share, null).map((link) => link.label);
    expect(labels).toContain('dweb⟨U+202E⟩knil');
    expect(labels.join()).not.toContain('\u202E');
  });

  it('copies the default link, and says which it copied instead, and why, when the default cannot be made', () => {
    const share = defaultSettings().share;
    share.gateways = share.gateways.map((gateway) => ({ ...gateway, enabled: gateway.id === 'dweb-link' }));
    Object.assign(share, { defaultKind: 'subdomain', defaultGateway: 'dweb-link' });
    expect(linkToCopy(shareLinks(ref, share, null))).toEqual({
      url: `https://${cid.toString()}.ipfs.dweb.link/`,
      confirmation: 'Copied the dweb.link link.',
    });
    const long = CID.createV1(raw.code, identity.digest(new Uint8Array(60).fill(1)));
    const copied = linkToCopy(shareLinks({ namespace: 'ipfs', cid: long, path: [] }, share, null));
    expect(copied?.url).toBe(`ipfs://${long.toString()}`);
    expect(copied?.confirmation).toMatch(
      /^Copied the ipfs:\/\/ link instead of the default \(dweb\.link\), which cannot be made: This CID is \d+ characters even in base36, longer than a DNS label \(63\)/,
    );
  });

  it('marks the links that open only on this computer: the local node and any gateway on loopback', () => {
    const share = defaultSettings().share;
    share.gateways = share.gateways.map((gateway) => ({ ...gateway, enabled: gateway.id === 'dweb-link' }));
    share.gateways.push({
      id: 'lan',
      name: 'On the LAN',
      url: 'http://192.168.1.20:8080',
      style: 'path',
      enabled: true,
    });
    share.gateways.push({ id: 'loop', name: 'Loopback', url: 'http://127.0.0.2:8080', style: 'path', enabled: true });
    const links = shareLinks(ref, share, 'http://127.0.0.1:41234');
    const localOnly = Object.fromEntries(links.map((link) => [link.label, link.localOnly]));
    expect(localOnly).toEqual({
      'ipfs://': false,
      'Local node (subdomain)': true,
      'Local node (path)': true,
      'dweb.link': false,
      'On the LAN': false,
      Loopback: true,
    });
    expect(links[0]).toMatchObject({ label: 'Local node (subdomain)', isDefault: true, localOnly: true });
  });

  it('never carries the user name or password of a pasted link into the links it offers', () => {
    const share = defaultSettings().share;
    share.gateways = share.gateways.map((gateway) => ({ ...gateway, enabled: true }));
    for (const pasted of [
      `https://alice:s3cret@dweb.link/ipfs/${cid.toString()}/a?filename=b`,
      `https://alice:s3cret@${cid.toString()}.ipfs.dweb.link/a`,
    ]) {
      const links = shareLinks(parseContentRef(pasted), share, 'http://127.0.0.1:41234');
      expect(links.length).toBeGreaterThan(3);
      for (const { link } of links) expect(link.url ?? '').not.toMatch(/alice|s3cret|@/);
    }
    // Without a scheme, or in an ipfs:// link, a user name is not read as one: such text is no link.
    expect(() => parseContentRef(`alice:s3cret@dweb.link/ipfs/${cid.toString()}`)).toThrow();
    expect(() => parseContentRef(`ipfs://alice:s3cret@${cid.toString()}/a`)).toThrow();
  });
});

describe('a gateway setting', () => {
  const gateway = (url: string) =>
    gatewaySchema.safeParse({ id: 'mine', name: 'Mine', url, style: 'subdomain', enabled: true });

  it('refuses a link to content on a subdomain gateway, naming the gateway it is on', () => {
    for (const [url, origin] of [
      [`https://${cid.toString()}.ipfs.dweb.link`, 'https://dweb.link'],
      [`http://${cid.toString()}.ipfs.localhost:8080/`, 'http://localhost:8080'],
      ['https://en-wikipedia--on--ipfs-org.ipns.dweb.link', 'https://dweb.link'],
      ['https://docs.ipfs.tech.ipns.gw.example.org', 'https://gw.example.org'],
    ]) {
      const result = gateway(url ?? '');
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([
        `this is a link to content, not a gateway: its gateway is ${origin}`,
      ]);
    }
  });

  it('takes a gateway whose own name holds .ipfs. or .ipns.', () => {
    for (const url of [
      'https://gateway.ipfs.io',
      'https://ipfs.io',
      'https://my.ipns.example.com',
      'https://dweb.link/',
    ])
      expect(gateway(url).success).toBe(true);
  });
});
