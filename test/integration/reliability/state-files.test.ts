import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageProblem } from '../../../shared/ipc/contract';
import { caller } from '../../harness/call';
import { startTestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';

const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const uploadEntry = {
  item: {
    id: '0b0a3c2e-8d2a-4a4f-9a57-2d0c6f1d2a11',
    name: 'kept.txt',
    kind: 'file',
    folder: '/',
    options: { profile: 'node', pin: true, hidden: false, symlinks: 'preserve', pinServices: [] },
    state: 'added',
    totalBytes: 5,
    totalFiles: 1,
    bytesDone: 5,
    filesDone: 1,
    createdAt: 1,
    startedAt: 1,
    finishedAt: 2,
    result: { cid: CID, path: '/kept.txt', size: 5, notes: [] },
  },
  source: { kind: 'path', path: '/tmp/kept.txt', car: false },
};
const pinRequest = {
  id: 'req-1',
  cid: CID,
  serviceId: 'service-gone',
  name: 'kept',
  meta: {},
  origins: [],
  via: 'cairn',
  status: 'pinned',
  requestId: 'r1',
  reason: null,
  problem: null,
  createdAt: 1,
  updatedAt: 1,
  nextCheckAt: null,
  errors: 0,
};
const binding = { keyId: 'k51kept', keyName: 'kept', mfsPath: '/site', minIntervalSeconds: 60, state: 'up-to-date' };
const published = {
  value: `/ipfs/${CID}`,
  publishedAt: '2026-01-01T00:00:00.000Z',
  validUntil: 'later',
  reachedNetwork: false,
};

/** Every file Cairn persists: a document of the right shape with one good and one bad entry, and its list key. */
const files: { name: string; oneBad: object; key: string }[] = [
  { name: 'settings.json', key: 'theme', oneBad: { version: 3, theme: 'dark', share: 42 } },
  { name: 'secrets.json', key: 'secrets', oneBad: { version: 2, secrets: { kept: { sealed: 'AAAA' }, bad: 7 } } },
  { name: 'uploads.json', key: 'uploads', oneBad: { version: 1, uploads: [uploadEntry, { item: 'oops' }] } },
  { name: 'pin-requests.json', key: 'requests', oneBad: { version: 1, requests: [pinRequest, null] } },
  { name: 'ipns-bindings.json', key: 'bindings', oneBad: { version: 1, bindings: [binding, { keyId: 5 }] } },
  { name: 'ipns-published.json', key: 'byName', oneBad: { version: 1, byName: { kept: published, bad: 'x' } } },
  {
    name: 'local-pins.json',
    key: 'pins',
    oneBad: {
      version: 2,
      pins: [
        { cid: CID, pinnedAt: 1 },
        { cid: 'bad', pinnedAt: 'x' },
      ],
    },
  },
];
const damages: [string, (good: string, key: string) => string][] = [
  ['truncated', (good) => good.slice(0, Math.floor(good.length / 2))],
  ['emptied', () => ''],
  ['garbage', () => '\u0000\u00ff not json at all'],
  [
    'of the wrong shape',
    (_, key) => JSON.stringify({ version: 1, [key]: 'oops' }).replace('"version":1', '"version":3'),
  ],
];

describe('every state file, damaged', () => {
  let node: TestKubo;
  beforeAll(async () => {
    node = await startKubo();
  });
  afterAll(async () => {
    await node.stop();
  });

  /** Starts the app on a data folder holding `text` as `name`; returns what it reported and what it set aside. */
  async function startWith(name: string, text: string) {
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-damaged-'));
    await writeFile(join(dataDir, name), text);
    const host = await startTestHost(node, { dataDir });
    const { call } = caller(host.dispatcher);
    const problems = (await call('storage.problems', {})).filter(
      (problem): problem is Extract<StorageProblem, { kind: 'unreadable' }> => problem.kind === 'unreadable',
    );
    const aside = (await readdir(dataDir)).filter((file) => file.startsWith(`${name}.unreadable-`));
    const asideBytes = aside[0] ? await readFile(join(dataDir, aside[0]), 'utf8') : null;
    return { host, call, problems, aside, asideBytes };
  }

  for (const { name, oneBad, key } of files) {
    for (const [damage, make] of damages) {
      it(`${name} ${damage}: the app starts, says so, and keeps the bytes aside`, async () => {
        const text = make(JSON.stringify(oneBad), key);
        const { host, call, problems, aside, asideBytes } = await startWith(name, text);
        try {
          expect((await call('node.status', {})).state).toBe('running');
          expect(problems).toMatchObject([{ file: name, kept: expect.any(Number) as number }]);
          // What did not read at all kept nothing, though the app starts with defaults.
          if (problems[0]?.dropped === null) expect(problems[0].kept).toBe(0);
          expect(aside).toHaveLength(1);
          expect(asideBytes).toBe(text);
        } finally {
          await host.stop();
        }
      });
    }

    it(`${name} with one bad entry: keeps the others and counts the one dropped`, async () => {
      const text = JSON.stringify(oneBad);
      const { host, call, problems, asideBytes } = await startWith(name, text);
      try {
        expect(problems).toMatchObject([{ file: name, kept: expect.any(Number) as number, dropped: 1 }]);
        expect(problems[0]?.kept).toBeGreaterThanOrEqual(1);
        expect(asideBytes).toBe(text);
        // What was kept is what the app now holds and what is on disk.
        const saved = JSON.parse(await readFile(join(host.dataDir, name), 'utf8')) as Record<string, unknown>;
        expect(saved[key]).toBeTruthy();
        if (name === 'settings.json') expect((await call('settings.get', {})).theme).toBe('dark');
        if (name === 'uploads.json') expect(await call('uploads.list', {})).toMatchObject([{ name: 'kept.txt' }]);
        if (name === 'pin-requests.json') expect(await call('pins.requests', {})).toMatchObject([{ id: 'req-1' }]);
        if (name === 'ipns-bindings.json')
          expect(await call('ipns.bindings', {})).toMatchObject([{ keyId: 'k51kept' }]);
      } finally {
        await host.stop();
      }
    });
  }

  /** Every file and journal Cairn persists in the data folder. */
  const everyFile = [
    ...files.map(({ name }) => name),
    'window-state.json',
    'kubo-versions.json',
    'kubo-daemon.json',
    'uploads.journal',
    'local-pins.journal',
  ];
  for (const name of everyFile) {
    it(`${name} that is a folder: the app starts, says so, and sets the folder aside with what it holds`, async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'cairn-folder-'));
      await mkdir(join(dataDir, name));
      await writeFile(join(dataDir, name, 'inside.txt'), 'kept');
      const host = await startTestHost(node, { dataDir });
      try {
        expect((await caller(host.dispatcher).call('node.status', {})).state).toBe('running');
        const problems = host.services.store.problems();
        expect(problems).toMatchObject([{ kind: 'unreadable', file: name, aside: expect.any(String) as string }]);
        const [problem] = problems;
        const aside = problem?.kind === 'unreadable' ? (problem.aside ?? '') : '';
        expect(await readFile(join(aside, 'inside.txt'), 'utf8')).toBe('kept');
      } finally {
        await host.stop();
      }
    });

    if (name.endsWith('.journal')) continue;
    it(`${name} from a newer Cairn: the app starts, says so, and keeps the bytes aside`, async () => {
      const text = JSON.stringify({ version: 99, unknown: 'to this Cairn' });
      const { host, problems, asideBytes } = await startWith(name, text);
      try {
        expect(problems).toMatchObject([{ file: name, reason: expect.stringMatching(/newer Cairn/) as string }]);
        expect(asideBytes).toBe(text);
      } finally {
        await host.stop();
      }
    });
  }

  /** Lists whose entries are told apart by a key: each with two entries of one key that say different things. */
  const twice: {
    name: string;
    document: object;
    list: (call: ReturnType<typeof caller>['call']) => Promise<unknown[]>;
  }[] = [
    {
      name: 'uploads.json',
      document: {
        version: 3,
        uploads: [uploadEntry, { ...uploadEntry, item: { ...uploadEntry.item, name: 'other.txt' } }],
      },
      list: (call) => call('uploads.list', {}),
    },
    {
      name: 'pin-requests.json',
      document: {
        version: 2,
        requests: [
          { ...pinRequest, failure: null },
          { ...pinRequest, failure: null, name: 'other' },
        ],
      },
      list: (call) => call('pins.requests', {}),
    },
    {
      name: 'ipns-bindings.json',
      document: { version: 1, bindings: [binding, { ...binding, mfsPath: '/other' }] },
      list: (call) => call('ipns.bindings', {}),
    },
  ];
  for (const { name, document, list } of twice) {
    it(`${name} with two entries of one key: keeps one, says which was left out, and keeps the bytes aside`, async () => {
      const text = JSON.stringify(document);
      const { host, call, problems, asideBytes } = await startWith(name, text);
      try {
        expect(problems).toMatchObject([{ file: name, kept: 1, dropped: 1 }]);
        expect(problems[0]?.reason).toMatch(/more than once/);
        expect(asideBytes).toBe(text);
        expect(await list(call)).toHaveLength(1);
      } finally {
        await host.stop();
      }
    });
  }

  it('uploads.journal with a line that does not read: keeps the changes that do, and keeps the bytes aside', async () => {
    const text = `${JSON.stringify({ put: uploadEntry })}\n\u0000 not a change\n`;
    const { host, call, problems, asideBytes } = await startWith('uploads.journal', text);
    try {
      expect(problems).toMatchObject([{ file: 'uploads.journal', kept: 1, dropped: 1 }]);
      expect(asideBytes).toBe(text);
      expect(await call('uploads.list', {})).toMatchObject([{ name: 'kept.txt' }]);
    } finally {
      await host.stop();
    }
  });
});
