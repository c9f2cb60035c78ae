import { describe, expect, it } from 'vitest';
import { wordsFor } from '../../renderer/app/failure-words';
import { noteWords } from '../../renderer/features/node/node-note-words';

describe('failures in words, written in the renderer from a code and its parameters', () => {
  it('says a disk is full plainly, naming the file where main gave one, errno and raw words in Details', () => {
    const settings = wordsFor({
      code: 'DISK_FULL',
      message: 'could not write /data/settings.json: ENOSPC',
      details: { path: '/data/settings.json' },
    });
    expect(settings.reason).toBe('The disk holding /data/settings.json is full: free some space and try again.');
    expect(settings.details).toContain('ENOSPC');
    expect(settings.mustAct).toBe(true);
    const kubo = wordsFor({ code: 'DISK_FULL', message: 'write blocks/x: no space left on device' });
    expect(kubo.reason).toBe('The disk holding the IPFS node’s data is full: free some space and try again.');
  });

  it('says why the node refuses a CID it can parse, from the refusal main names', () => {
    const md5 = 'bafk5kaiqaeaqcaibaeaqcaibaeaqcaibae';
    const words = wordsFor({
      code: 'VALIDATION',
      message: 'refused',
      details: { input: md5, problem: 'kubo-refuses', refusal: 'insecure-hash', hash: 'md5' },
    });
    expect(words.reason).toBe(
      `“${md5}” is hashed with md5, which IPFS nodes refuse as insecure: no node fetches, pins or serves it, so no link to it opens.`,
    );
    const inline = wordsFor({
      code: 'VALIDATION',
      message: 'refused',
      details: { input: 'bafkqbai…', problem: 'kubo-refuses', refusal: 'digest-too-large', size: 129 },
    });
    expect(inline.reason).toMatch(/holds 129 bytes of content in the CID itself, and IPFS nodes refuse more than 128/);
    const long = wordsFor({
      code: 'VALIDATION',
      message: 'refused',
      details: {
        input: 'bafkrfai…',
        problem: 'kubo-refuses',
        refusal: 'digest-too-large',
        hash: 'sha2-256',
        size: 129,
      },
    });
    expect(long.reason).toMatch(/has a sha2-256 hash of 129 bytes, and IPFS nodes refuse any over 128/);
  });

  it('says an import of IPLD data that is no file or folder names its codec', () => {
    const words = wordsFor({
      code: 'VALIDATION',
      message: 'refused',
      details: { input: 'bafyrei…', problem: 'not-unixfs', codec: 'dag-cbor' },
    });
    expect(words.reason).toBe(
      'bafyrei… is dag-cbor data, not a file or folder: only files and folders can be imported into Files.',
    );
  });

  it('names the program holding the repo when main found it', () => {
    const words = wordsFor({
      code: 'REPO_LOCKED',
      message: 'repo.lock held',
      details: { repoPath: '/r', pid: 42, command: 'ipfs daemon' },
    });
    expect(words.reason).toMatch(/^Another program \(ipfs daemon, process 42\) is using the IPFS node’s repo\./);
  });

  it('says a Files path holds nothing, Kubo’s words in Details', () => {
    const words = wordsFor({
      code: 'NOT_FOUND',
      message: 'Nothing in Files at /gone (file does not exist).',
      details: { path: '/gone' },
    });
    expect(words.reason).toBe('Files has nothing at /gone.');
    expect(words.details).toContain('file does not exist');
  });

  it('says a name is taken, for a Files path or a key', () => {
    expect(wordsFor({ code: 'ALREADY_EXISTS', message: 'taken', details: { path: '/docs' } }).reason).toBe(
      'Files already has an item at /docs: choose another name.',
    );
    expect(wordsFor({ code: 'ALREADY_EXISTS', message: 'taken', details: { key: 'blog' } }).reason).toBe(
      'A key named “blog” already exists: choose another name.',
    );
  });

  it('keeps main’s message where no sentence fits the parameters yet', () => {
    expect(wordsFor({ code: 'FILE_UNWRITABLE', message: 'Could not write x: EIO' }).reason).toBe(
      'Could not write x: EIO',
    );
  });

  it('words what Cairn did to start the node, Kubo’s output in Details', () => {
    const migrated = noteWords({ kind: 'migrated', output: ['Migration 17-to-18 succeeded'] });
    expect(migrated).toEqual({
      sentence: 'Kubo updated the repo to its current version.',
      details: 'Migration 17-to-18 succeeded',
    });
  });
  it('words a pinning service’s failures from the host and what it said, the HTTP status in Details', () => {
    const auth = wordsFor({
      code: 'PIN_SERVICE_AUTH',
      message: 'pins.example refused the access token (HTTP 401): UNAUTHORIZED. Check the token.',
      details: { service: 'pins.example', status: 401 },
    });
    expect(auth.reason).toBe(
      'The pinning service at pins.example refused the access token: check the token, or make a new one in your account there.',
    );
    expect(auth.details).toContain('HTTP 401');
    expect(auth.mustAct).toBe(true);
    const cases: [Parameters<typeof wordsFor>[0], string][] = [
      [
        { code: 'PIN_SERVICE_RATE_LIMITED', message: 'HTTP 429', details: { service: 'pins.example', waitS: 30 } },
        'The pinning service at pins.example asks Cairn to wait 30 seconds; Cairn asks again then.',
      ],
      [
        { code: 'PIN_SERVICE_RATE_LIMITED', message: 'HTTP 429', details: { service: 'pins.example', waitS: null } },
        'The pinning service at pins.example asks Cairn to slow down; Cairn waits and asks again.',
      ],
      [
        {
          code: 'PIN_SERVICE_UNREACHABLE',
          message: 'ECONNREFUSED',
          details: { service: 'pins.example', cause: 'ECONNREFUSED' },
        },
        'The pinning service at pins.example does not answer: check its address and this computer’s connection.',
      ],
      [
        { code: 'PIN_SERVICE_UNREACHABLE', message: 'timeout', details: { service: 'pins.example', timeoutS: 20 } },
        'The pinning service at pins.example did not answer within 20 seconds.',
      ],
      [
        {
          code: 'PIN_SERVICE_DOWN',
          message: 'HTTP 502 (an HTML error page)',
          details: { service: 'pins.example', status: 502 },
        },
        'The pinning service at pins.example is having trouble right now; Cairn asks again later.',
      ],
      [
        {
          code: 'PIN_SERVICE_ERROR',
          message: 'HTTP 400',
          details: { service: 'pins.example', status: 400, serviceReason: 'BAD_REQUEST: invalid cid' },
        },
        'The pinning service at pins.example refused the request, saying “BAD_REQUEST: invalid cid”.',
      ],
      [
        { code: 'PIN_SERVICE_ERROR', message: "Kubo's pin remote add: quota", details: { serviceReason: 'quota' } },
        'The pinning service refused the request, saying “quota”.',
      ],
      [
        {
          code: 'PIN_SERVICE_TLS',
          message: 'CERT_HAS_EXPIRED',
          details: { service: 'pins.example', cause: 'CERT_HAS_EXPIRED' },
        },
        'The secure connection to the pinning service at pins.example failed: its certificate is not trusted.',
      ],
      [
        {
          code: 'NOT_PINNING_SERVICE',
          message: 'HTTP 200, text/html',
          details: { service: 'example.com', status: 200 },
        },
        'example.com answers, but not as a pinning service: check the address, which is the service’s Pinning Service API address.',
      ],
      [
        {
          code: 'NOT_PINNING_SERVICE',
          message: 'pins.example redirects to https://elsewhere.example/pins (HTTP 307).',
          details: { service: 'pins.example', status: 307, location: 'https://elsewhere.example/pins' },
        },
        'pins.example sends Cairn on to https://elsewhere.example/pins, which Cairn does not follow with the access token: if that is the service’s new address, enter it in the service’s settings.',
      ],
      [
        {
          code: 'NOT_FOUND',
          message: 'pins.example: not found: NOT_FOUND.',
          details: { service: 'pins.example', status: 404, serviceReason: 'NOT_FOUND' },
        },
        'The pinning service at pins.example has no such pin.',
      ],
      [
        { code: 'PIN_REQUEST_GONE', message: 'The service no longer has this pin request (removed there?).' },
        'The service no longer has this pin request: it may have been removed there. Retry to ask again.',
      ],
      [
        { code: 'PIN_SERVICE_REMOVED', message: 'The pinning service was removed from Cairn.' },
        'This pinning service was removed from Cairn.',
      ],
      [
        { code: 'PIN_SERVICE_UNKNOWN', message: 'The pinning service is missing from damaged settings.' },
        'This pinning service is missing from the settings, which could not be read whole: the request waits, and goes on once the service is back.',
      ],
    ];
    for (const [error, sentence] of cases) {
      const words = wordsFor(error);
      expect(words.reason).toBe(sentence);
      expect(words.details).toContain(error.message);
    }
  });
});

describe('an upload’s source that cannot be added, by its path', () => {
  const path = '/home/me/photos';
  it.each([
    ['FILE_UNREADABLE', 'gone', `${path} is no longer there: it was moved or deleted after it was chosen.`],
    ['FILE_UNREADABLE', 'denied', `Cairn may not read ${path}: check its permissions.`],
    ['FILE_UNREADABLE', 'not-regular', `${path} is neither a file nor a folder, so Cairn cannot add it.`],
    ['FILE_UNREADABLE', 'broken-symlink', `${path} is a symlink to something that is missing or cannot be read.`],
    ['FILE_UNREADABLE', 'symlink-skipped', `${path} is a symlink, and Upload options are set to skip symlinks.`],
    [
      'FILE_UNREADABLE',
      'name-not-utf8',
      `The name of ${path} is not UTF-8 (� stands for what cannot be shown), so Cairn cannot read it: rename it and try again.`,
    ],
    ['FILE_UNREADABLE', null, `Cairn could not read ${path}.`],
    [
      'SYMLINK_LOOP',
      null,
      `${path} is a symlink that leads back into a folder above it, so adding it would never end.`,
    ],
    [
      'UNSUPPORTED',
      'not-regular',
      `${path} is a pipe, socket or device, not a file: Cairn adds files and folders only.`,
    ],
  ] as const)('%s (%s)', (code, problem, sentence) => {
    const words = wordsFor({ code, message: `${path}: EIO`, details: { path, problem } });
    expect(words.reason).toBe(sentence);
    expect(words.details).toContain(`${path}: EIO`);
  });

  it('says how much of a file the browser harness sent before it stopped', () => {
    const words = wordsFor({
      code: 'FILE_UNREADABLE',
      message: 'Only 1048576 of the 4194304 bytes of clip.mp4 arrived.',
      details: { path: 'clip.mp4', problem: 'incomplete', received: 1048576, size: 4194304 },
    });
    expect(words.reason).toBe(
      'Only 1.0 MiB of clip.mp4 (4.0 MiB) reached Cairn before the page stopped sending it: drop the file again.',
    );
  });

  it('keeps main’s sentence where a stored error has no path', () => {
    expect(wordsFor({ code: 'FILE_UNREADABLE', message: '/x no longer exists.' }).reason).toBe('/x no longer exists.');
  });
});

describe('what the user typed, when it is not what was asked for', () => {
  it('says a CID or link is not one, naming the text; the parser’s line in Details', () => {
    const words = wordsFor({
      code: 'VALIDATION',
      message: 'Expected /ipfs/ or /ipns/, found /ipfz/.',
      details: { input: '/ipfz/x', problem: 'not-content' },
    });
    expect(words.reason).toBe(
      '“/ipfz/x” is not a CID or an IPFS link: paste a CID, an /ipfs/ path, an ipfs:// link or a gateway link.',
    );
    expect(words.details).toContain('found /ipfz/');
    expect(wordsFor({ code: 'VALIDATION', message: 'x', details: { input: 'abc', problem: 'not-a-cid' } }).reason).toBe(
      '“abc” is not a CID: check that it was copied whole.',
    );
    expect(
      wordsFor({ code: 'VALIDATION', message: 'x', details: { input: '/ipns/k51', problem: 'ipns-name' } }).reason,
    ).toBe(
      '/ipns/k51 is a name that points to content, not the content itself: open it in Names to import what it points to.',
    );
  });

  it('keeps the generic sentence for a request the schema refused', () => {
    expect(wordsFor({ code: 'VALIDATION', message: '✖ Invalid input → at folder' }).reason).toBe(
      'Cairn could not accept what was sent: check what you typed and try again.',
    );
  });
});

describe('something Cairn looked for and did not find, or found already there, by what it was', () => {
  it.each<[Record<string, string>, string]>([
    [
      { content: 'bafkreihdwd' },
      'The IPFS node could not find bafkreihdwd: it does not have it, and no one it asked did.',
    ],
    [
      { unpublishable: '/ipfs/bafkx' },
      'The IPFS node does not have /ipfs/bafkx, so it cannot publish it: add it first.',
    ],
    [{ serviceId: 'svc-1' }, 'That pinning service is no longer in Cairn: it may have been removed.'],
    [{ profile: 'p-1' }, 'That remote node is no longer in Cairn’s list: it may have been removed.'],
    [{ pinRequest: 'r-1' }, 'That pin request is no longer followed by Cairn: it may have been removed.'],
    [{ binding: 'k51' }, 'No folder is kept published under that name any more.'],
    [
      { source: 'local-gateway' },
      'That source is not available now: check that the node is running and the gateway is still in the list.',
    ],
  ])('NOT_FOUND %o', (details, sentence) => {
    expect(wordsFor({ code: 'NOT_FOUND', message: 'main’s line', details }).reason).toBe(sentence);
  });

  it('says an export’s destination exists, a file changed, a gateway is unknown', () => {
    expect(wordsFor({ code: 'ALREADY_EXISTS', message: 'x', details: { destination: '/home/me/a' } }).reason).toBe(
      '/home/me/a already exists on this computer: choose another folder.',
    );
    expect(wordsFor({ code: 'FILE_CHANGED', message: 'x', details: { path: '/home/me/a.bin' } }).reason).toBe(
      '/home/me/a.bin changed while Cairn was reading it: retry to use it as it is now.',
    );
    expect(wordsFor({ code: 'UNSUPPORTED', message: 'x', details: { problem: 'no-gateway' } }).reason).toBe(
      'This IPFS node has no gateway Cairn knows of.',
    );
    expect(wordsFor({ code: 'CANCELLED', message: 'Verification cancelled.' }).reason).toBe('Cancelled.');
  });
});

describe('what the IPFS node failed to do, by its action and what it was about', () => {
  it.each<[string, string | null, string]>([
    ['init', '/home/me/.cairn/ipfs', 'The IPFS node could not set up its storage at /home/me/.cairn/ipfs.'],
    ['start', null, 'The IPFS node did not start.'],
    [
      'read-config',
      '/home/me/.cairn/ipfs/config',
      'The IPFS node’s config file /home/me/.cairn/ipfs/config is damaged, so the node cannot start. Cairn changed nothing in it: restore it from a backup, or choose another repo in Settings.',
    ],
    ['add', 'photos', 'The IPFS node did not finish adding photos: try again.'],
    ['pin', 'set.car', 'The IPFS node could not pin set.car.'],
    [
      'import-with-profile',
      'unixfs-v0-2015',
      'The IPFS node cannot take content built with the unixfs-v0-2015 profile: apply that profile to the node, or upload with the node’s own settings.',
    ],
    [
      'name',
      '/docs/a.txt',
      '/docs/a.txt and the numbered names after it are all taken in Files: choose another folder.',
    ],
    ['list', '/docs', 'The IPFS node stopped partway through listing /docs: try again.'],
    ['export', null, 'The IPFS node stopped sending partway, so the export is not complete: try again.'],
    ['register-service', 'Pins R Us', 'The IPFS node could not add the pinning service “Pins R Us”.'],
    ['key', 'blog', 'The IPFS node refused to create, rename, remove or import the key “blog”.'],
    ['export-key', 'blog', 'The IPFS node could not export the key “blog”.'],
    ['publish', 'blog', 'The IPFS node could not publish under “blog”.'],
    ['resolve', '/ipns/k51x', 'The IPFS node could not look up /ipns/k51x.'],
    ['resolve-to-content', '/ipns/k51x', '/ipns/k51x points to something that is not content Cairn can open.'],
    ['copy-into-files', '/blog', 'The IPFS node could not copy it into Files at /blog.'],
  ])('%s', (action, target, sentence) => {
    const words = wordsFor({ code: 'NODE_ERROR', message: 'Kubo’s words', details: { action, target } });
    expect(words.reason).toBe(sentence);
    expect(words.details).toContain('Kubo’s words');
  });

  it('says a repo whose node is on another computer is not Cairn’s own node', () => {
    const details = { apiFile: 'http://192.0.2.10:5001', problem: 'api-elsewhere' };
    expect(wordsFor({ code: 'NODE_ERROR', message: 'x', details }).reason).toBe(
      'The repo says its node is at http://192.0.2.10:5001, on another computer: Cairn runs its own node only on this one. Add that node as a remote node, or choose another repo.',
    );
  });

  it('keeps the general sentence for an action it does not know', () => {
    expect(wordsFor({ code: 'NODE_ERROR', message: 'x', details: { action: 'fly' } }).reason).toBe(
      'The IPFS node could not do it.',
    );
  });
});

describe('what is wrong with what the user typed or chose, in plain words', () => {
  it.each<[Record<string, string | boolean>, string]>([
    [
      { problem: 'name-not-cid', input: '/ipns/k51' },
      'That is a name that points to content: Verify needs the CID of the content itself.',
    ],
    [{ problem: 'path-inside', input: '/ipfs/bafy/a' }, 'Paste the CID of the content itself, not a path inside it.'],
    [
      { problem: 'name-to-name', input: '/ipns/k51' },
      'A name cannot point to another name here: publish a CID or a Files path.',
    ],
    [
      { problem: 'not-publishable', input: 'ipfs:/x' },
      '“ipfs:/x” is not something a name can point to: publish a CID, an /ipfs/ path or a Files path (/photos).',
    ],
    [{ problem: 'not-a-web-link', input: 'file:///etc/passwd' }, 'Only web links (http and https) can be opened.'],
    [
      { problem: 'secret-missing', secret: 'access token', name: 'Pins R Us', savedElsewhere: true },
      'Enter the access token for Pins R Us again: a saved one is only sent to the address it was saved with.',
    ],
    [{ problem: 'secret-missing', secret: 'password', savedElsewhere: false }, 'Enter the password.'],
    [
      { problem: 'secret-missing', secret: 'header', header: 'X-Api-Key', name: 'Home', savedElsewhere: false },
      'Enter the value of the header X-Api-Key for Home.',
    ],
    [
      { problem: 'not-registered', name: 'Pins R Us' },
      'Pins R Us is not set up on the IPFS node itself: register it with the node in Settings first.',
    ],
    [{ problem: 'not-a-folder', path: '/docs/a.txt' }, '/docs/a.txt is not a folder: choose a folder.'],
    [
      { problem: 'not-a-repo', path: '/home/me/stuff' },
      '/home/me/stuff holds other files and no IPFS node: choose an IPFS node’s folder, or an empty folder for a new one.',
    ],
    [
      { problem: 'not-a-key-file', path: '/home/me/a.key' },
      'This file is not a key the IPFS node can read: choose a key exported by Cairn or by IPFS, or a PEM private key.',
    ],
    [
      { problem: 'disk-name', name: 'CON' },
      '“CON” cannot be a file name on this computer: give it another name first.',
    ],
    [
      { problem: 'disk-name', name: 'invoice\u202Efdp.exe' },
      '“invoice⟨U+202E⟩fdp.exe” holds a hidden character that would make it read as another name, so nothing was written: rename it in Files first, or download it as a CAR.',
    ],
    [
      { problem: 'outside-folder', name: '../x' },
      '“../x” would land outside the chosen folder, so nothing was written.',
    ],
    [{ problem: 'root-move' }, 'The top folder of Files cannot be moved or renamed.'],
    [{ problem: 'root-delete' }, 'The top folder of Files cannot be deleted.'],
    [{ problem: 'into-itself', from: '/a' }, 'A folder cannot be moved into itself.'],
    [
      { problem: 'not-a-car', path: '/home/me/x.car' },
      '/home/me/x.car is not a CAR file: it holds no content to import.',
    ],
    [
      { problem: 'too-large', name: 'big.iso' },
      'big.iso is too large to be sent from this window: add it from disk instead.',
    ],
  ])('%o', (details, sentence) => {
    const words = wordsFor({ code: 'VALIDATION', message: 'main’s line', details });
    expect(words.reason).toBe(sentence);
    expect(words.details).toContain('main’s line');
  });
});

describe('names and keys, in plain words', () => {
  it.each<[Parameters<typeof wordsFor>[0], string]>([
    [
      { code: 'KEY_PROTECTED', message: 'x', details: { key: 'self', refused: 'removed' } },
      '“self” is the IPFS node’s own identity: it cannot be removed. Create another key for names you want to manage.',
    ],
    [
      { code: 'IPNS_NAME_INVALID', message: 'x', details: { input: 'nope' } },
      '“nope” is not an IPNS name: paste a key (k51…), a domain with DNSLink (example.org) or an ipns:// link.',
    ],
    [
      { code: 'IPNS_NAME_INVALID', message: 'x', details: { input: 'k51qzi5uqu5-cut', problem: 'broken-key' } },
      '“k51qzi5uqu5-cut” starts like an IPNS key but is not a valid one: check that it was copied whole.',
    ],
    [
      { code: 'IPNS_NAME_INVALID', message: 'x', details: { input: '/ipfs/bafy', problem: 'immutable' } },
      '“/ipfs/bafy” is an immutable CID (/ipfs/), not an IPNS name: it always points to the same content. Open it in Share instead.',
    ],
    [
      { code: 'DNS_OFFLINE', message: 'x', details: { name: 'docs.example.org' } },
      'docs.example.org is a domain name, and looking it up means asking DNS: offline mode is on, so Cairn does not.',
    ],
    [
      { code: 'IPNS_NOT_FOUND', message: 'x', details: { name: 'k51q', offline: true } },
      'No current record for k51q was found on this node (offline mode: the network is not asked): it was never published, or its record expired.',
    ],
  ])('%o', (error, sentence) => {
    expect(wordsFor(error).reason).toBe(sentence);
  });

  it('says when a record expired, with the date', () => {
    const until = '2026-01-02T03:04:05.000Z';
    expect(
      wordsFor({ code: 'IPNS_RECORD_EXPIRED', message: 'x', details: { name: 'k51q', validUntil: until } }).reason,
    ).toBe(
      `The record for k51q expired on ${new Date(until).toLocaleString()}: publish the name again, with a longer lifetime, to bring it back.`,
    );
  });
});

it('says when no IPFS (Kubo) program can be run, naming the one chosen when it is not Kubo', () => {
  expect(wordsFor({ code: 'KUBO_BINARY_MISSING', message: 'Tried: /usr/bin/ipfs', details: { tried: 1 } }).reason).toBe(
    'Cairn found no IPFS (Kubo) program to run: install Kubo, or choose its program in Settings.',
  );
  expect(wordsFor({ code: 'KUBO_BINARY_MISSING', message: 'x', details: { path: '/opt/fake' } }).reason).toBe(
    '/opt/fake is not an IPFS (Kubo) program, so Cairn did not start it: choose another one in Settings.',
  );
});

it('quotes a name from the node or a service with its hidden characters as markers: none reorders the sentence', () => {
  const key = 'blog\u202Etxt.exe';
  const says = (code: 'KEY_NOT_FOUND' | 'ALREADY_EXISTS', details: Record<string, string>) =>
    wordsFor({ code, message: 'x', details }).reason;
  expect(says('KEY_NOT_FOUND', { key })).toBe('The node has no key named “blog⟨U+202E⟩txt.exe”.');
  expect(says('ALREADY_EXISTS', { key })).toBe(
    'A key named “blog⟨U+202E⟩txt.exe” already exists: choose another name.',
  );
  expect(wordsFor({ code: 'NODE_ERROR', message: 'x', details: { action: 'publish', target: key } }).reason).toBe(
    'The IPFS node could not publish under “blog⟨U+202E⟩txt.exe”.',
  );
  const said = wordsFor({ code: 'PIN_SERVICE_ERROR', message: 'x', details: { serviceReason: 'no\u2067 quota' } });
  expect(said.reason).toBe('The pinning service refused the request, saying “no⟨U+2067⟩ quota”.');
});
