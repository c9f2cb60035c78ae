import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLink, linkKinds, type LinkKind } from '../../shared/links/build-link';
import { LinkError, parseCid, parseContentRef, type ContentRef } from '../../shared/links/content-ref';
import { gatewayGet as get } from '../harness/gateway-get';
import { startKubo, type TestKubo } from '../harness/kubo';

// Links Cairn builds and reads, held against Kubo's own gateway: each link must open the bytes
// `ipfs cat` gives, and a subdomain link must be the one Kubo itself redirects a path request to.

/** File names a folder may hold that a link must carry exactly (no name may be normalised or trimmed). */
const names = [
  'a b.txt',
  'a#b?c.txt',
  '100%.txt',
  'a+b&c=d.txt',
  "a!b'c(d)e*f$g,h;i:j@k.txt",
  'café.txt', // NFC
  'cafe\u0301.txt', // NFD: another name, another file
  '😀.txt',
  '\u200frtl.txt',
  ' lead.txt',
  'trail.txt ',
  '..dots',
  'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq',
];

/** A file of the folder's `sub`, by its name as it is (pasted, leading and trailing spaces would be trimmed). */
function inFolder(root: string | undefined, name: string): ContentRef {
  return { namespace: 'ipfs', cid: parseCid(root ?? ''), path: ['sub', name] };
}

describe('link vectors against Kubo’s gateway', () => {
  let node: TestKubo;
  let dir: string;
  let port: string;
  const roots: Record<string, string> = {};

  beforeAll(async () => {
    node = await startKubo();
    port = new URL(node.gatewayUrl ?? '').port;
    dir = await mkdtemp(join(tmpdir(), 'cairn-link-vectors-'));
    await mkdir(join(dir, 'folder', 'sub'), { recursive: true });
    for (const [index, name] of names.entries()) await writeFile(join(dir, 'folder', 'sub', name), `file ${index}\n`);
    await writeFile(join(dir, 'folder', 'top.txt'), 'top\n');
    roots.CIDv0 = (await node.ipfs('add', '-r', '-Q', '--hidden', '--cid-version=0', join(dir, 'folder'))).trim();
    roots.CIDv1 = (await node.ipfs('add', '-r', '-Q', '--hidden', '--cid-version=1', join(dir, 'folder'))).trim();
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const gateways: Record<LinkKind, () => string> = {
    native: () => '',
    path: () => `http://127.0.0.1:${port}`,
    subdomain: () => `http://localhost:${port}`,
  };

  for (const version of ['CIDv0', 'CIDv1']) {
    it(`opens every awkward name in a ${version} folder through every link kind, read back to the same file`, async () => {
      const wrong: string[] = [];
      for (const [index, name] of names.entries()) {
        const ref = inFolder(roots[version], name);
        for (const kind of linkKinds) {
          const built = buildLink(ref, kind, gateways[kind]());
          const url = built.url ?? 'no link';
          // An ipfs:// link opens through a gateway as /ipfs/<what follows ipfs://>, as browsers' IPFS handlers do.
          const fetched = kind === 'native' ? url.replace(/^ipfs:\/\//, `http://127.0.0.1:${port}/ipfs/`) : url;
          const answer = await get(fetched, port);
          if (answer.status !== 200 || answer.body.toString() !== `file ${index}\n`)
            wrong.push(`${JSON.stringify(name)} as ${kind}: ${url} answered ${answer.status}`);
          const back = parseContentRef(url);
          if (JSON.stringify(back.path) !== JSON.stringify(ref.path))
            wrong.push(`${url} read back as ${back.path.join('/')}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('writes exactly the subdomain link Kubo itself redirects a path request on localhost to, roots and IPNS keys too', async () => {
    // 35 bytes inline: 64 characters in base32, one too many for a DNS label; Kubo goes to base36.
    await writeFile(join(dir, 'inline'), 'x'.repeat(35));
    const inline = (
      await node.ipfs('add', '-Q', '--cid-version=1', '--inline', '--inline-limit=64', join(dir, 'inline'))
    ).trim();
    const key = (await node.ipfs('key', 'gen', '--ipns-base=base36', 'vectors')).trim();
    const refs: ContentRef[] = [
      parseContentRef(inline),
      parseContentRef(`ipfs://${inline}?filename=a%20b.txt`),
      parseContentRef(`ipfs://${roots.CIDv1}/sub/a%20b.txt?filename=report.pdf`),
      parseContentRef(roots.CIDv0 ?? ''),
      parseContentRef(`ipfs://${roots.CIDv1}/top.txt?filename=it's%20(1)!.txt`),
      parseContentRef(`/ipns/${key}`),
      parseContentRef(`ipns://${key}?filename=a%20b.txt`),
      inFolder(roots.CIDv0, 'a b.txt'),
      ...names.map((name) => inFolder(roots.CIDv1, name)),
    ];
    const wrong: string[] = [];
    for (const ref of refs) {
      const pathOnLocalhost = buildLink(ref, 'path', `http://localhost:${port}`).url ?? 'no link';
      const redirect = await get(pathOnLocalhost, port);
      expect(redirect.status).toBe(301);
      const subdomain = buildLink(ref, 'subdomain', `http://localhost:${port}`);
      wrong.push(...(subdomain.url === redirect.location ? [] : [`${subdomain.url} ≠ ${redirect.location}`]));
    }
    expect(wrong).toEqual([]);
  });

  it('reads a URI router link (/ipfs/?uri=ipfs://…) as the content Kubo redirects it to, and refuses the schemes Kubo refuses', async () => {
    const root = roots.CIDv1 ?? '';
    for (const native of [`ipfs://${root}/sub/a%20b.txt?filename=x.txt`, `IPFS://${roots.CIDv0}/top.txt`]) {
      const router = `http://127.0.0.1:${port}/ipfs/?uri=${encodeURIComponent(native)}`;
      const { status, location = '' } = await get(router, port);
      expect(status).toBe(301);
      expect(parseContentRef(router)).toEqual(parseContentRef(`http://127.0.0.1:${port}${location}`));
    }
    for (const other of [`web+ipfs://${root}`, `dweb:/ipfs/${root}`, 'https://example.com']) {
      const router = `http://127.0.0.1:${port}/ipfs/?uri=${encodeURIComponent(other)}`;
      expect((await get(router, port)).status).toBe(400);
      expect(() => parseContentRef(router)).toThrow(LinkError);
    }
  });

  it('reads an encoded slash in a link as Kubo does, as a separator, and refuses a path Kubo refuses', async () => {
    const root = roots.CIDv1 ?? '';
    const separated = [
      `ipfs://${root}/sub%2Fa%20b.txt`,
      `http://127.0.0.1:${port}/ipfs/${root}/sub%2F..%2Fsub%2Fa%20b.txt`,
      `http://${root}.ipfs.localhost:${port}/sub%2Fa%20b.txt`,
    ];
    for (const pasted of separated) {
      const fetched = pasted.replace(/^ipfs:\/\//, `http://127.0.0.1:${port}/ipfs/`);
      expect((await get(fetched, port)).body.toString()).toBe('file 0\n');
      expect(parseContentRef(pasted).path).toEqual(['sub', 'a b.txt']);
    }
    const above = `http://127.0.0.1:${port}/ipfs/${root}/sub%2F..%2F..`;
    expect((await get(above, port)).status).toBe(400);
    expect(() => parseContentRef(above)).toThrow(LinkError);
  });
});
