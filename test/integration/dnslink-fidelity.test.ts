import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLink, type LinkKind } from '../../shared/links/build-link';
import { ipnsRef, LinkError, parseContentRef, type ContentRef } from '../../shared/links/content-ref';
import { startDnslinkDoh } from '../harness/dnslink-doh';
import { gatewayGet } from '../harness/gateway-get';
import { startKubo, type TestKubo } from '../harness/kubo';

// DNSLink names at their edges and gateway URLs pasted without a scheme, read by Cairn and checked
// against what the real Kubo resolves (every DNSLink name points to one file, through a DoH server
// on loopback) and what its gateway serves for each link Cairn builds.

const CONTENT = 'content behind every DNSLink name\n';

function cairnReads(input: string): ContentRef | string {
  try {
    return parseContentRef(input);
  } catch (error) {
    if (error instanceof LinkError) return error.message;
    throw error;
  }
}

describe('DNSLink names and scheme-less URLs against Kubo', () => {
  let node: TestKubo;
  let doh: Awaited<ReturnType<typeof startDnslinkDoh>>;
  let port: string;
  let dir: string;
  let file: string;
  const gateways: [LinkKind, string][] = [
    ['path', 'http://127.0.0.1'],
    ['subdomain', 'http://localhost'],
  ];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-dnslink-'));
    await writeFile(join(dir, 'file.txt'), CONTENT);
    // The DoH server must know the target before Kubo starts: the CID is computed offline first.
    file = (
      await startKubo().then(async (scratch) => {
        try {
          return await scratch.ipfs('add', '-Q', '--only-hash', '--cid-version=1', join(dir, 'file.txt'));
        } finally {
          await scratch.stop();
        }
      })
    ).trim();
    doh = await startDnslinkDoh(`/ipfs/${file}`);
    node = await startKubo({ dnsResolver: doh.url });
    await node.ipfs('add', '-Q', '--cid-version=1', join(dir, 'file.txt'));
    port = new URL(node.gatewayUrl ?? '').port;
  });
  afterAll(async () => {
    await node.stop();
    await doh.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Whether Kubo resolves `/ipns/<name>`, to the file every name points to. */
  async function kuboResolves(name: string): Promise<boolean> {
    try {
      return (await node.ipfs('resolve', `/ipns/${name}`)).trim() === `/ipfs/${file}`;
    } catch {
      return false;
    }
  }

  /** Each link of each kind Cairn builds for `ref`, and what Kubo's gateway answered for it, where it was not the file. */
  async function brokenLinks(ref: ContentRef, input: string): Promise<string[]> {
    const wrong: string[] = [];
    for (const [kind, host] of gateways) {
      const link = buildLink(ref, kind, `${host}:${port}`);
      const answer = link.url === null ? null : await gatewayGet(link.url, port);
      if (answer?.status !== 200 || answer.body.toString() !== CONTENT)
        wrong.push(
          `${input} as ${kind}: ${link.url ?? link.note} answered ${answer?.status} ${answer?.location ?? ''}`,
        );
      // The link pasted back reads as the same name.
      if (link.url === null) continue;
      const again = cairnReads(link.url);
      if (typeof again === 'string' || again.namespace !== ref.namespace)
        wrong.push(`${link.url} pasted back: ${typeof again === 'string' ? again : again.namespace}`);
    }
    return wrong;
  }

  it('accepts the DNSLink names Kubo resolves, with `_`, a final dot or punycode, and its links open them on Kubo’s gateway', async () => {
    const label64 = 'a'.repeat(64);
    const names = [
      '_foo.example.com',
      'foo_bar.example.com',
      '_dnslink-site.example.org',
      'example.com.',
      'MiXed.Example.COM.',
      'a-b.example.com',
      'a--b.example.com',
      '-ab.example.com',
      'a.b-.example.com',
      'xn--bcher-kva.example',
      'xn----foo.example.com',
      'deep.sub.example.co.uk',
      // Refused by Kubo too: an empty label, or one longer than 63.
      'example.com..',
      '.example.com',
      'a..b.example',
      `${label64}.example`,
    ];
    const differences: string[] = [];
    const wrong: string[] = [];
    for (const name of names) {
      const kubo = await kuboResolves(name);
      const forms = [
        `/ipns/${name}`,
        `ipns://${name}`,
        `http://127.0.0.1:${port}/ipns/${name}`,
        `localhost:${port}/ipns/${name}`,
      ];
      for (const input of forms) {
        const ref = cairnReads(input);
        const cairn = typeof ref !== 'string';
        if (cairn !== kubo)
          differences.push(
            `${input}: Kubo ${kubo ? 'resolves' : 'refuses'}, Cairn ${typeof ref === 'string' ? ref : 'reads it'}`,
          );
        if (typeof ref !== 'string') wrong.push(...(await brokenLinks(ref, input)));
        // example.com. is example.com: the same links (example-com- would be another label, and no valid one).
        const same = name.toLowerCase().replace(/\.$/, '');
        if (typeof ref !== 'string' && same !== name) {
          for (const [kind, host] of gateways) {
            const link = buildLink(ref, kind, `${host}:${port}`).url;
            const expected = buildLink(parseContentRef(`/ipns/${same}`), kind, `${host}:${port}`).url;
            if (link !== expected) wrong.push(`${input} as ${kind}: ${link}, not ${expected}`);
          }
        }
      }
      let named: string | null;
      try {
        named = ipnsRef(name).name;
      } catch {
        named = null;
      }
      if ((named !== null) !== kubo) differences.push(`IPNS view ${name}: Kubo ${kubo}, Cairn ${named}`);
      if (named !== null && named !== name.toLowerCase().replace(/\.$/, ''))
        differences.push(`IPNS view ${name} reads as ${named}`);
    }
    expect(differences).toEqual([]);
    expect(wrong).toEqual([]);
  });

  it('refuses, each for its reason, the names Kubo asks DNS for but no link carries whole', async () => {
    const names = {
      localhost: 'single-label',
      myhost: 'single-label',
      'my files': 'space',
      'user@example.com': 'at-sign',
      'example.com!': 'not-a-domain',
      '192.168.1.1': 'ip-address',
    };
    const seen: Record<string, { kubo: boolean; cairn: string[] }> = {};
    for (const name of Object.keys(names)) {
      const cairn = [name, `/ipns/${name}`].map((input) => {
        const read = cairnReads(input);
        return typeof read === 'string' ? (/\(([a-z-]+)\)/.exec(read)?.[1] ?? read) : 'read';
      });
      seen[name] = { kubo: await kuboResolves(name), cairn };
    }
    // Kubo looks every one up (the DoH server answers any name) and never refuses the form.
    expect(seen).toEqual(
      Object.fromEntries(Object.entries(names).map(([name, fault]) => [name, { kubo: true, cairn: [fault, fault] }])),
    );
    // The reasons hold: an ipns:// link cannot hold a space, and drops what comes before an `@`.
    expect(() => new URL('ipns://my files')).toThrow();
    expect(new URL('ipns://user@example.com').host).toBe('example.com');
  });

  it('reads an internationalised DNSLink name as its punycode, whose subdomain label Node’s URL parser refuses but gateways serve', async () => {
    const ref = parseContentRef('/ipns/bücher.example');
    expect(ref).toMatchObject({ namespace: 'ipns', name: 'xn--bcher-kva.example' });
    const subdomain = buildLink(ref, 'subdomain', `http://localhost:${port}`).url ?? '';
    expect(subdomain).toBe(`http://xn----bcher--kva-example.ipns.localhost:${port}/`);
    expect(() => new URL(subdomain)).toThrow();
    expect(await brokenLinks(ref, '/ipns/bücher.example')).toEqual([]);
  });

  it('reads the subdomain link Kubo redirects a DNSLink name to over plain http, its whole name before .ipns.', async () => {
    const wrong: string[] = [];
    for (const name of ['dist.ipfs.tech', 'en.wikipedia-on-ipfs.org', '_dnslink-site.example.org', 'a.b.c.example']) {
      const { status, location = '' } = await gatewayGet(`http://localhost:${port}/ipns/${name}`, port);
      expect([status, location]).toEqual([301, `http://${name}.ipns.localhost:${port}/`]);
      expect((await gatewayGet(location, port)).body.toString()).toBe(CONTENT);
      const ref = cairnReads(location);
      if (typeof ref === 'string' || ref.namespace !== 'ipns' || ref.name !== name) {
        wrong.push(`${location}: ${typeof ref === 'string' ? ref : JSON.stringify(ref)}`);
      } else wrong.push(...(await brokenLinks(ref, location)));
    }
    expect(wrong).toEqual([]);
  });

  it('reads a gateway URL pasted without https:// as the URL it is, and opens what Kubo serves at it', async () => {
    const subdomainHost = buildLink(parseContentRef(file), 'subdomain', `http://localhost:${port}`).url ?? '';
    const pasted = [
      `localhost:${port}/ipfs/${file}`,
      `127.0.0.1:${port}/ipfs/${file}?filename=file.txt`,
      `dweb.link/ipfs/${file}`,
      subdomainHost.replace('http://', ''),
      `${file}.ipfs.dweb.link/`,
      `example.com/ipns/_foo.example.com`,
      `en-wikipedia--on--ipfs-org.ipns.dweb.link`,
    ];
    const wrong: string[] = [];
    for (const input of pasted) {
      const ref = cairnReads(input);
      if (typeof ref === 'string') wrong.push(`${input}: ${ref}`);
      else if (ref.namespace === 'ipfs' && ref.cid.toString() !== file) wrong.push(`${input}: ${ref.cid.toString()}`);
      else if (ref.namespace === 'ipns') expect(await kuboResolves(ref.name)).toBe(true);
      if (typeof ref !== 'string') wrong.push(...(await brokenLinks(ref, input)));
    }
    expect(wrong).toEqual([]);
    // Kubo resolves no URL itself; a host alone is no gateway link and stays refused, with what is missing.
    await expect(node.ipfs('resolve', `dweb.link/ipfs/${file}`)).rejects.toThrow();
    expect(cairnReads('dweb.link/about')).toBe(
      'dweb.link is in the URL, but no /ipfs/ or /ipns/ path and no CID subdomain.',
    );
  });
});
