import { describe, expect, it } from 'vitest';
import type { RemoteVerification } from '../../shared/ipc/contract';
import { remoteWords } from '../../renderer/features/verify/remote-words';

const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const verdict = (over: Partial<RemoteVerification>): RemoteVerification => ({
  source: 'gw.example',
  ref: { kind: 'gateway', id: 'gw' },
  outcome: 'verified',
  message: 'main’s own line',
  blocks: 0,
  bytes: 0,
  ...over,
});

describe('a source’s verdict in words, written in the verify feature from its outcome and parameters', () => {
  it.each<[Partial<RemoteVerification>, string]>([
    [{ blocks: 4 }, 'gw.example sent 4 blocks, each matching the CID, up to the root.'],
    [
      { blocks: 1, details: { folderNotSaved: true } },
      'gw.example sent 1 block, each matching the CID, up to the root. It is a folder, and only a file can be saved: nothing was saved.',
    ],
    [
      { blocks: 1, details: { symlinkTarget: '/etc/passwd' } },
      'gw.example sent 1 block, each matching the CID, up to the root. It is a symbolic link to “/etc/passwd”, not a file: nothing is saved.',
    ],
    [
      { outcome: 'tampered' },
      'gw.example sent data that does not match the CID: it was changed or damaged on the way.',
    ],
    [
      { outcome: 'malformed' },
      'gw.example sent data that is not valid in the format it claims, so it cannot be checked.',
    ],
    [
      { outcome: 'unordered', blocks: 1, details: { carOrder: 'unk', carDups: 'n' } },
      'gw.example sent its blocks in an order Cairn cannot check as they arrive (order=unk; dups=n): the 1 block that came matched, the rest was not checked.',
    ],
    [{ outcome: 'truncated', blocks: 3 }, 'gw.example stopped before sending all of it, after 3 blocks that matched.'],
    [
      { blocks: 3, details: { carRoots: ['bafkreiother'], extraBytes: 2048, extraBlocks: 1, looseBytes: 5 } },
      'gw.example sent 3 blocks, each matching the CID, up to the root. The CAR it sent names another root, not this CID: what was checked is this CID’s content. After the content it also sent 2.0 KiB (1 block not part of it and 5 B that are not a whole block): Cairn did not use them.',
    ],
    [
      { outcome: 'tampered', details: { carRoots: [] } },
      'gw.example sent data that does not match the CID: it was changed or damaged on the way. The CAR it sent names no root, not this CID: what was checked is this CID’s content.',
    ],
    [
      { blocks: 1, details: { extraBytes: 16777300, looseBytes: 16777300, extraCut: true } },
      'gw.example sent 1 block, each matching the CID, up to the root. After the content it also sent more than 16 MiB (16 MiB that are not a whole block): Cairn did not use them.',
    ],
    [
      { outcome: 'truncated', blocks: 2, details: { status: 206, partialContent: true } },
      'gw.example sent only part of a block (HTTP 206 Partial Content) where the whole was asked for: nothing from that part was used, and 2 blocks before it matched.',
    ],
    [
      { outcome: 'unsupported', details: { hashFunction: '0x12', digestBytes: 40, digestProblem: 'too-long' } },
      'This CID cannot be checked: it declares a 40-byte hash, longer than its hash function makes, so no content can ever match it.',
    ],
    [
      { outcome: 'unsupported', details: { hashFunction: '0x12', digestBytes: 8, digestProblem: 'too-short' } },
      'This CID cannot be checked: its hash is only 8 bytes, too short for a match to prove anything.',
    ],
    [
      { outcome: 'wrong-type', details: { sentType: 'text/html; charset=utf-8' } },
      'gw.example sent a web page instead of the content.',
    ],
    [
      { outcome: 'wrong-type', details: { sentType: 'application/octet-stream' } },
      'gw.example sent the content in a form that cannot be checked: it ignores requests for verifiable data.',
    ],
    [
      { outcome: 'timeout', details: { idleSeconds: 20 } },
      'gw.example stopped sending, or sent too slowly to finish a block in 20 seconds.',
    ],
    [
      { outcome: 'too-large', details: { capMiB: 4 } },
      'gw.example sent more for one block than any block can hold, so Cairn stopped reading.',
    ],
    [
      { outcome: 'too-large', details: { maxVisits: 100 } },
      'This content links to its blocks more than 100 times over, more than Cairn walks: it was not checked to the end.',
    ],
    [
      { outcome: 'too-large', details: { maxBlocks: 1000 } },
      'This content has more than 1000 distinct blocks, more than Cairn remembers in one check: it was not checked to the end.',
    ],
    [
      { outcome: 'too-large', details: { maxPending: 1000 } },
      'This content links to more than 1000 blocks waiting to be checked at once, more than Cairn holds in one check: it was not checked to the end.',
    ],
    [{ outcome: 'rate-limited', retryAfter: '120' }, 'gw.example is rate limiting requests. It asks to wait 120 s.'],
    [{ outcome: 'unreachable' }, 'gw.example cannot be reached: check its address and this computer’s connection.'],
    [{ outcome: 'refused', details: { status: 403 } }, 'gw.example refused the request.'],
    [{ outcome: 'refused' }, 'gw.example refused to give part of the content.'],
    [
      { source: 'The node', outcome: 'not-found', details: { localOnly: true } },
      'The node does not have this content (it looked only in its own storage, not on the network).',
    ],
    [{ outcome: 'not-found', details: { status: 404 } }, 'gw.example does not have this content.'],
    [
      { outcome: 'unsupported', details: { codec: '0x71' } },
      'Cairn checks files and folders only, and this CID is another kind of data.',
    ],
    [
      { outcome: 'unsupported', details: { identityBytes: 4096 } },
      'This content links to a CID holding 4096 bytes itself, more than Kubo allows: Cairn cannot check further.',
    ],
    [
      { outcome: 'unsupported', details: { notUnixfs: true } },
      'gw.example sent blocks that match the CID, but they are not a valid file or folder: Cairn cannot check further.',
    ],
    [
      { outcome: 'unsupported', details: { hashFunction: '0x22' } },
      'Cairn cannot check the hash function of this CID.',
    ],
    [
      { outcome: 'skipped', details: { skippedFor: 'offline' } },
      'Not asked: offline mode is on, and Cairn contacts no gateway outside this computer.',
    ],
    [{ outcome: 'skipped', details: { skippedFor: 'no-link' } }, 'Not asked: main’s own line'],
    [
      { outcome: 'skipped', details: { skippedFor: 'inline' } },
      'Not asked: this CID holds its content itself, so no source sends it and none can be checked by it.',
    ],
    [
      { outcome: 'redirected', details: { status: 301, redirectedTo: 'https://other.example/ipfs/bafk' } },
      'gw.example sent no content but pointed elsewhere (https://other.example/ipfs/bafk). Cairn checks only what the source you chose sends: add that gateway to check it there.',
    ],
    [
      { outcome: 'wrong-type', details: { contentEncoding: 'br' } },
      'gw.example sent the content compressed (br) without being asked to: Cairn checks the bytes as sent, so it was not checked.',
    ],
    [{ outcome: 'cancelled' }, 'Cancelled.'],
  ])('%o', (over, sentence) => {
    const words = remoteWords(verdict(over));
    expect(words.sentence).toBe(sentence);
    expect(words.details).toContain('main’s own line');
  });

  it('puts a tampered block’s digests behind Details', () => {
    const words = remoteWords(
      verdict({ outcome: 'tampered', block: { cid: CID, expected: 'aa11', received: 'bb22' } }),
    );
    expect(words.details).toContain(`Block: ${CID}`);
    expect(words.details).toContain('Expected digest: aa11');
    expect(words.details).toContain('Received digest: bb22');
  });
});
