import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bases as multibases } from 'multiformats/basics';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Digest from 'multiformats/hashes/digest';
import { buildLink, type LinkKind } from '../../shared/links/build-link';
import { codecNames, hashNames } from '../../shared/links/cid-names';
import { LinkError, parseContentRef, RefusedCidError } from '../../shared/links/content-ref';
import { inspectCid } from '../../shared/links/inspect-cid';
import { gatewayGet as get } from '../harness/gateway-get';
import { startKubo, type TestKubo } from '../harness/kubo';

// A corpus generated from what Kubo itself lists (every base, codec and hash function it names),
// read and linked by Cairn, and checked against Kubo's own answers and its gateway.

interface Block {
  /** What made it: a codec, a hash function, or the length of an inline (identity) CID. */
  label: string;
  cid: string;
  bytes: Uint8Array;
}

/** One call to Kubo's RPC; `args` repeat `arg=`. Commands that stream answer one JSON object a line. */
async function rpc(node: TestKubo, command: string, args: string[], options: Record<string, string> = {}) {
  const query = new URLSearchParams([...args.map((arg): [string, string] => ['arg', arg]), ...Object.entries(options)]);
  const response = await fetch(`${node.apiUrl}/api/v0/${command}?${query.toString()}`, { method: 'POST' });
  return response.text();
}

function lines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

interface Formatted {
  Formatted: string;
  ErrorMsg: string;
}

/** `ipfs cid format` on each text, asked in batches short enough for a request line. */
async function cidFormat(node: TestKubo, texts: string[], options: Record<string, string>): Promise<Formatted[]> {
  const answers: Formatted[] = [];
  for (let start = 0; start < texts.length; start += 100)
    answers.push(...lines<Formatted>(await rpc(node, 'cid/format', texts.slice(start, start + 100), options)));
  return answers;
}

async function blockPut(node: TestKubo, bytes: Uint8Array, options: Record<string, string>): Promise<string | null> {
  const body = new FormData();
  body.append('file', new Blob([bytes]));
  const query = new URLSearchParams(options);
  const response = await fetch(`${node.apiUrl}/api/v0/block/put?${query.toString()}`, { method: 'POST', body });
  if (!response.ok) return null;
  return ((await response.json()) as { Key: string }).Key;
}

/** The same link asking for the block itself, whatever its codec. */
function rawOf(link: string): string {
  const url = new URL(link);
  url.searchParams.set('format', 'raw');
  return url.toString();
}

/** Letter-case variants of a CID's text after its one-letter multibase prefix (the prefix names the alphabet). */
function caseVariants(text: string): Record<string, string> {
  const prefix = text.charAt(0);
  const body = text.slice(1);
  return {
    upper: prefix + body.toUpperCase(),
    lower: prefix + body.toLowerCase(),
    mixed: prefix + body.replace(/./g, (char, i: number) => (i % 2 ? char.toUpperCase() : char.toLowerCase())),
  };
}

/**
 * The text with its last character (before any padding) replaced by each of `alphabet`, where the
 * spare bits past the last byte live, and with its padding wrong.
 */
function lastCharacterVariants(text: string, alphabet: string[]): [string, string][] {
  const body = text.replace(/=+$/, '');
  const padding = text.slice(body.length);
  const variants = alphabet.map((char): [string, string] => [`last ${char}`, body.slice(0, -1) + char + padding]);
  const paddings = [1, 7, 8].map((more): [string, string] => [`${more} more =`, text + '='.repeat(more)]);
  return [...variants, ...paddings, ...(padding ? [['unpadded', body] as [string, string]] : [])];
}

function cairnReads(text: string): CID | 'refused' {
  try {
    const ref = parseContentRef(`/ipfs/${text}`);
    if (ref.namespace !== 'ipfs') throw new Error(`${text} read as an IPNS name`);
    return ref.cid;
  } catch (error) {
    if (error instanceof LinkError) return 'refused';
    throw error;
  }
}

describe('CIDs and links against Kubo itself', () => {
  let node: TestKubo;
  let port: string;
  let dir: string;
  const blocks: Block[] = [];
  let bases: { Name: string; Code: number }[] = [];
  const gateways: [LinkKind, string][] = [
    ['path', 'http://127.0.0.1'],
    ['subdomain', 'http://localhost'],
  ];

  beforeAll(async () => {
    node = await startKubo();
    port = new URL(node.gatewayUrl ?? '').port;
    dir = await mkdtemp(join(tmpdir(), 'cairn-link-fidelity-'));
    bases = JSON.parse(await rpc(node, 'cid/bases', [])) as typeof bases;
    const codecs = JSON.parse(await rpc(node, 'cid/codecs', [])) as { Name: string }[];
    const hashes = JSON.parse(await rpc(node, 'cid/hashes', [])) as { Name: string }[];
    for (const { Name } of codecs) {
      const bytes = new TextEncoder().encode(`a block of codec ${Name}`);
      const cid = await blockPut(node, bytes, { 'cid-codec': Name });
      if (cid) blocks.push({ label: `codec ${Name}`, cid, bytes });
    }
    for (const { Name } of hashes) {
      const bytes = new TextEncoder().encode(`a block hashed with ${Name}`);
      const cid = await blockPut(node, bytes, { mhtype: Name });
      if (cid) blocks.push({ label: `hash ${Name}`, cid, bytes });
    }
    const file = join(dir, 'v0.txt');
    await writeFile(file, 'a CIDv0 file\n');
    const v0 = (await node.ipfs('add', '-Q', '--cid-version=0', '--raw-leaves=false', file)).trim();
    const v0Block = await fetch(`${node.apiUrl}/api/v0/block/get?arg=${v0}`, { method: 'POST' });
    blocks.push({ label: 'CIDv0', cid: v0, bytes: new Uint8Array(await v0Block.arrayBuffer()) });
    for (let length = 0; length <= 64; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 7 + length) & 0xff);
      const cid = CID.create(1, raw.code, identity.digest(bytes)).toString();
      blocks.push({ label: `inline ${length} bytes`, cid, bytes });
    }
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a CID in every base and letter case Kubo reads as Kubo does, and its links open the same block on Kubo’s gateway', async () => {
    // Every codec and hash function Kubo lists, bar the few it stores no block with.
    expect(blocks.filter((block) => block.label.startsWith('codec ')).length).toBeGreaterThan(40);
    expect(blocks.filter((block) => block.label.startsWith('hash ')).length).toBeGreaterThan(50);
    const cids = blocks.map((block) => block.cid);
    const kuboBase32 = (await cidFormat(node, cids, { b: 'base32', v: '1' })).map((answer) => answer.Formatted);
    // The identity multibase is raw bytes, which JSON cannot carry; letter case matters only where
    // Kubo lists a base in both cases (base16, base32, base36 and their kin).
    const textBases = bases.filter((base) => base.Name !== 'identity');
    const caseInsensitive = (name: string) =>
      bases.some((other) => other.Name === `${name}upper` || `${other.Name}upper` === name);
    const differences: string[] = [];
    const pastedForms = cids.map((): string[] => []);
    for (const base of textBases) {
      const written = (await cidFormat(node, cids, { b: base.Name, v: '1' })).map((answer) => answer.Formatted);
      expect(written).toHaveLength(cids.length);
      // The characters this base writes, as Kubo wrote them: every one is tried as the last character.
      const alphabet = [...new Set(written.flatMap((text) => Array.from(text).slice(1)))];
      const inputs = written.flatMap((text, block) =>
        [
          ['as written', text],
          ...(caseInsensitive(base.Name) ? Object.entries(caseVariants(text)) : []),
          ...(blocks[block]?.label.startsWith('inline') ? lastCharacterVariants(text, alphabet) : []),
        ].map(([variant = '', input = '']) => ({ block, variant, input })),
      );
      const kubo = await cidFormat(
        node,
        inputs.map(({ input }) => input),
        { b: 'base32', v: '1' },
      );
      inputs.forEach(({ block, variant, input }, i) => {
        const answer = kubo[i];
        const kuboSays = answer?.ErrorMsg ? 'refused' : (answer?.Formatted ?? 'refused');
        const cid = cairnReads(input);
        const native =
          cid === 'refused' ? 'refused' : (buildLink(parseContentRef(`/ipfs/${input}`), 'native').url ?? '');
        if (native !== (kuboSays === 'refused' ? kuboSays : `ipfs://${kuboSays}`))
          differences.push(`${base.Name} ${variant} ${input}: Kubo ${kuboSays}, Cairn ${native}`);
        if (kuboSays === kuboBase32[block]) pastedForms[block]?.push(input);
      });
    }
    expect(differences).toEqual([]);

    // Each block once per link kind, pasted in a base and letter case picked in turn.
    const wrong: string[] = [];
    for (const [i, block] of blocks.entries()) {
      const forms = pastedForms[i] ?? [];
      const pasted = forms[i % forms.length] ?? block.cid;
      for (const [kind, host] of gateways) {
        const link = buildLink(parseContentRef(`/ipfs/${pasted}`), kind, `${host}:${port}`);
        const answer = link.url === null ? null : await get(rawOf(link.url), port);
        if (answer?.status !== 200 || !answer.body.equals(block.bytes))
          wrong.push(`${block.label} pasted as ${pasted}: ${link.url ?? link.note} answered ${answer?.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a CID in a multibase Kubo does not read (base8, base10, base32z), as Kubo does, saying which', async () => {
    // multiformats knows a few bases more than Kubo: text in them is no CID to Kubo, nor to any link made of it.
    const unread = Object.values(multibases).filter(
      (base) => base.name !== 'identity' && !bases.some((listed) => listed.Name === base.name),
    );
    expect(unread.map((base) => base.name).sort()).toEqual(['base10', 'base32z', 'base8']);
    const written = blocks
      .slice(0, 5)
      .flatMap((block) => unread.map((base) => base.encode(CID.parse(block.cid).bytes)));
    const kubo = await cidFormat(node, written, { b: 'base32' });
    const differences = written.flatMap((text, i) => {
      const kuboSays = kubo[i]?.ErrorMsg ? 'refused' : kubo[i]?.Formatted;
      const cairn = cairnReads(text);
      return (cairn === 'refused' ? cairn : cairn.toString()) === kuboSays
        ? []
        : [`${text}: Kubo ${kuboSays}, Cairn ${String(cairn)}`];
    });
    expect(differences).toEqual([]);
    for (const base of unread) {
      const text = base.encode(CID.parse(blocks[0]?.cid ?? '').bytes);
      for (const pasted of [text, `/ipfs/${text}`, `ipfs://${text}`])
        expect(() => parseContentRef(pasted)).toThrow(new RegExp(`${base.name}, a multibase IPFS nodes do not read`));
    }
  });

  it('reads a CIDv0 written in any multibase (zQm…, bciq…) as the CIDv0 Kubo reads, and links to its block', async () => {
    const v0 = blocks.find((block) => block.label === 'CIDv0');
    if (!v0) throw new Error('no CIDv0 block');
    // Kubo never writes these (it writes CIDv1 in any base but base58btc), but reads them everywhere.
    // The identity multibase is raw bytes, which a query string cannot carry.
    const written = Object.values(multibases)
      .filter((base) => base.name !== 'identity' && bases.some((listed) => listed.Name === base.name))
      .map((base) => base.encode(CID.parse(v0.cid).bytes));
    expect(written.length).toBeGreaterThan(15);
    const kubo = await cidFormat(node, written, { f: '%s' });
    const differences = written.flatMap((text, i) => {
      const cid = cairnReads(text);
      const cairn = cid === 'refused' ? cid : cid.toString();
      const kuboSays = kubo[i]?.ErrorMsg ? 'refused' : kubo[i]?.Formatted;
      return cairn === kuboSays ? [] : [`${text}: Kubo ${kuboSays}, Cairn ${cairn}`];
    });
    expect(differences).toEqual([]);
    for (const [kind, host] of gateways) {
      const link = buildLink(parseContentRef(written[0] ?? ''), kind, `${host}:${port}`);
      const answer = await get(rawOf(link.url ?? 'http://no.link'), port);
      expect(answer.status === 200 && answer.body.equals(v0.bytes), `${link.url} answered ${answer.status}`).toBe(true);
    }
  });

  it('names every codec and hash function as Kubo does, and knows every one Kubo lists', async () => {
    const listed = async (command: string) =>
      (JSON.parse(await rpc(node, command, [])) as { Code: number; Name: string }[]).map(
        ({ Code, Name }): [number, string] => [Code, Name],
      );
    expect(
      (await listed('cid/codecs')).filter(([code, name]) => codecNames.get(code) !== name),
      'ipfs cid codecs',
    ).toEqual([]);
    expect(
      (await listed('cid/hashes')).filter(([code, name]) => hashNames.get(code) !== name),
      'ipfs cid hashes',
    ).toEqual([]);
    // Every entry of both tables, and codes known to neither, which Kubo writes as Code(n) and hash?n.
    const unknown = [0x3fffff, 0x7ffffff];
    const digest = (code: number) => Digest.create(code, new Uint8Array([1, 2, 3, 4]));
    const cids = [
      ...[...codecNames.keys(), ...unknown].map((code) => CID.createV1(code, digest(0x12))),
      ...[...hashNames.keys(), ...unknown].map((code) => CID.createV1(raw.code, digest(code))),
    ].map((cid) => cid.toString());
    const kubo = await cidFormat(node, cids, { f: '%c %h' });
    const differences = cids.flatMap((cid, i) => {
      const { codec, multihash } = inspectCid(cid);
      const cairn = `${codec.name ?? `Code(${codec.code})`} ${multihash.name ?? `hash?${multihash.code}`}`;
      return cairn === kubo[i]?.Formatted ? [] : [`${cid}: Kubo ${kubo[i]?.Formatted}, Cairn ${cairn}`];
    });
    expect(differences).toEqual([]);
    expect(cids.length).toBeGreaterThan(400);
  });

  it('refuses, saying why, every CID Kubo refuses to fetch or serve (an insecure hash, a digest too short or too long), and only those', async () => {
    const hashes = (JSON.parse(await rpc(node, 'cid/hashes', [])) as { Code: number }[]).map((hash) => hash.Code);
    const cids = [
      // Past 128 bytes, Kubo refuses a digest of any function, not only an inline one.
      ...hashes.flatMap((code) =>
        [19, 20, 32, 64, 128, 129].map((size) => Digest.create(code, new Uint8Array(size).fill(1))),
      ),
      ...[0, 128, 129, 300].map((size) => identity.digest(new Uint8Array(size).fill(1))),
    ].map((digest) => CID.createV1(raw.code, digest).toString());
    const kuboWords: [RegExp, string][] = [
      [/potentially insecure hash functions not allowed/, 'insecure-hash'],
      [/digest too small/, 'digest-too-small'],
      [/digest too large/, 'digest-too-large'],
    ];
    const differences: string[] = [];
    for (const cid of cids) {
      // Offline, a block Kubo accepts is either inline (identity) or not found here.
      const answer = await rpc(node, 'block/stat', [cid], { offline: 'true' });
      const kubo = kuboWords.find(([words]) => words.test(answer))?.[1] ?? 'accepted';
      let cairn = 'accepted';
      try {
        parseContentRef(cid);
      } catch (error) {
        cairn = error instanceof RefusedCidError ? error.refusal.refusal : String(error);
      }
      if (cairn !== kubo) differences.push(`${inspectCid(cid).multihash.name ?? cid}: Kubo ${kubo}, Cairn ${cairn}`);
    }
    expect(differences).toEqual([]);
    expect(cids.length).toBeGreaterThan(400);
  });

  it('builds links into a folder, from any pasted form of a path, that open what Kubo resolves, and refuses what Kubo refuses', async () => {
    const names = ['unicode and spaces/日本語 ünï.txt', 'unicode and spaces/#?%.txt', 'top.txt'];
    await mkdir(join(dir, 'folder', 'unicode and spaces'), { recursive: true });
    for (const name of names) await writeFile(join(dir, 'folder', name), `content of ${name}\n`);
    const folder = (await node.ipfs('add', '-r', '-Q', '--cid-version=1', join(dir, 'folder'))).trim();
    const pasted: [string, string][] = [
      [`/ipfs/${folder}/unicode and spaces/#?%.txt`, names[1] ?? ''],
      [`  /ipfs/${folder}/unicode and spaces/日本語 ünï.txt\n`, names[0] ?? ''],
      [`/ipfs/${folder}/unicode and spaces/../top.txt`, 'top.txt'],
      [`/ipfs/${folder}/./unicode and spaces//#?%.txt/`, names[1] ?? ''],
      [`ipfs://${folder}/unicode%20and%20spaces/%2E%2E/top.txt`, 'top.txt'],
      [`ipfs://${folder}/unicode%20and%20spaces/%23%3F%25.txt`, names[1] ?? ''],
      [`http://127.0.0.1:${port}/ipfs/${folder}/unicode%20and%20spaces/%23%3F%25.txt`, names[1] ?? ''],
      [
        `http://${folder}.ipfs.localhost:${port}/unicode%20and%20spaces/%E6%97%A5%E6%9C%AC%E8%AA%9E%20%C3%BCn%C3%AF.txt`,
        names[0] ?? '',
      ],
    ];
    const wrong: string[] = [];
    for (const [input, name] of pasted) {
      const expected = `content of ${name}\n`;
      if (input.trim().startsWith('/ipfs/')) expect(await node.ipfs('cat', input.trim())).toBe(expected);
      const ref = parseContentRef(input);
      for (const [kind, host] of gateways) {
        const link = buildLink(ref, kind, `${host}:${port}`);
        const answer = await get(link.url ?? 'http://no.link', port);
        if (answer.status !== 200 || answer.body.toString() !== expected)
          wrong.push(`${input} as ${kind}: ${link.url} answered ${answer.status}`);
      }
    }
    expect(wrong).toEqual([]);
    // Kubo resolves `..` itself, and refuses one that climbs above the root: a link would open another thing.
    for (const input of [`/ipfs/${folder}/..`, `/ipfs/${folder}/top.txt/../..`]) {
      await expect(node.ipfs('resolve', input)).rejects.toThrow(/enough components/);
      expect(() => parseContentRef(input)).toThrow(LinkError);
    }
  });

  it('opens what a name points to through every link built from any form of an ed25519 or RSA key, without a redirect', async () => {
    const file = join(dir, 'named.txt');
    await writeFile(file, 'named content\n');
    const content = (await node.ipfs('add', '-Q', file)).trim();
    const pasted: string[] = [];
    for (const type of ['ed25519', 'rsa']) {
      await node.ipfs('key', 'gen', `--type=${type}`, `${type}-key`);
      await node.ipfs('name', 'publish', '--allow-offline', `--key=${type}-key`, content);
      // `key list -l` writes "<name as a key> <key name>" a line.
      const keyed = async (...base: string[]) =>
        (await node.ipfs('key', 'list', '-l', ...base))
          .split('\n')
          .map((line) => line.trim().split(/\s+/))
          .find(([, name]) => name === `${type}-key`)?.[0] ?? '';
      const peerId = await keyed('--ipns-base=b58mh');
      const key = await keyed();
      const inBase32 = (await node.ipfs('cid', 'format', '-b', 'base32', key)).trim();
      expect(peerId).toMatch(type === 'rsa' ? /^Qm/ : /^12D3KooW/);
      pasted.push(`/ipns/${peerId}/`, `ipns://${key}`, `https://dweb.link/ipns/${inBase32}`);
      // Alone, an RSA peer ID (Qm…) is also a CIDv0, which Kubo reads as content; 12D3KooW… is only a name.
      if (type === 'ed25519') pasted.push(` ${peerId}\u200b`);
    }
    const wrong: string[] = [];
    for (const input of pasted) {
      for (const [kind, host] of gateways) {
        const link = buildLink(parseContentRef(input), kind, `${host}:${port}`);
        const answer = await get(link.url ?? 'http://no.link', port);
        if (answer.status !== 200 || answer.body.toString() !== 'named content\n')
          wrong.push(`${input} as ${kind}: ${link.url} answered ${answer.status} ${answer.location ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
