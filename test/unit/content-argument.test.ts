import { describe, expect, it } from 'vitest';
import { cidArgument, contentRefArgument, kuboPath } from '../../electron/services/content-argument';

const cid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

describe('content arguments', () => {
  it('gives Kubo the path with its segments as they are (the RPC query escapes them once)', () => {
    expect(kuboPath(contentRefArgument(`ipfs://${cid}/my%20photos/été.jpg`))).toBe(`/ipfs/${cid}/my photos/été.jpg`);
    expect(kuboPath(contentRefArgument(`/ipns/k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8/a`))).toBe(
      '/ipns/k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8/a',
    );
  });

  it('reads a pasted CID with the invisible characters copied text brings along, as a pasted link is read', () => {
    expect(cidArgument(`\u200b${cid}\ufeff`).toString()).toBe(cid);
  });

  it('turns text that is no content address into a validation error that says why', () => {
    expect(() => contentRefArgument('not a cid')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: '“not a cid” is not a CID, nor a DNSLink name (space).',
      }) as Error,
    );
  });
});
