import { describe, expect, it } from 'vitest';
import { withoutSentSecrets } from '../../electron/services/redact';

describe('a server’s words without the secrets its request carried', () => {
  const basic = { Authorization: `Basic ${Buffer.from('alice:s3cret-pass').toString('base64')}`, 'X-Key': 'k-1234' };

  it('cuts a Basic credential out in every form a server may echo it, and header values', () => {
    const said = `denied ${basic.Authorization}; user alice:s3cret-pass; password s3cret-pass; key k-1234`;
    expect(withoutSentSecrets(said, basic)).toBe(
      'denied [redacted]; user [redacted]; password [redacted]; key [redacted]',
    );
  });

  it('cuts a Bearer token out with or without its scheme, and leaves other words as they are', () => {
    const bearer = { Authorization: 'Bearer tok-98765' };
    expect(withoutSentSecrets('bad token tok-98765 (Bearer tok-98765)', bearer)).toBe(
      'bad token [redacted] ([redacted])',
    );
    expect(withoutSentSecrets('no such key', bearer)).toBe('no such key');
  });
});
