import { describe, expect, it } from 'vitest';
import { withoutSentSecrets } from '../../electron/services/redact';

describe('a server’s words without the secrets its request carried', () => {
  const basic = { Authorization: `Basic ${Buffer.from('alice:s3cret-pass').toString('base64')}`, 'X-Key': 'k-1234' };

  it('cuts a Basic credential out in every form a server may echo it, and header values', () => {
    const said = `denied ${basic.Authorization}; user alice:s3cret-pass; password s3cret-pass; key k-1234`;
    expect(withoutSentSecrets(said, basic)).toBe(
      'denied Basic [redacted]; user [redacted]; password [redacted]; key [redacted]',
    );
  });

  it('cuts a Bearer token out with or without its scheme, and leaves other words as they are', () => {
    const bearer = { Authorization: 'Bearer tok-98765' };
    expect(withoutSentSecrets('bad token tok-98765 (Bearer tok-98765)', bearer)).toBe(
      'bad token [redacted] (Bearer [redacted])',
    );
    expect(withoutSentSecrets('no such key', bearer)).toBe('no such key');
  });
});

describe('a secret a server wrote back in another form', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0/pa+ss=word&more';
  const bearer = { Authorization: `Bearer ${token}` };

  it.each([
    ['URL-escaped', `GET /pins?key=${encodeURIComponent(token)} refused`],
    ['form-escaped', `body key=${encodeURIComponent(token).replace(/%2F/g, '%2f')} refused`],
    ['JSON-escaped', `{"error":"bad key ${token.replace(/\//g, '\\/')}"}`],
    ['HTML-escaped', `<p>bad key ${token.replace(/&/g, '&amp;')}</p>`],
    ['in base64', `bad key ${Buffer.from(token).toString('base64')}`],
    ['in base64url', `bad key ${Buffer.from(token).toString('base64url')}`],
    ['upper-cased', `BAD KEY ${token.toUpperCase()}`],
    ['cut short', `bad key ${token.slice(0, 20)}…`],
    ['its end only', `bad key …${token.slice(-14)}`],
  ])('cuts it out %s', (_form, said) => {
    const cleaned = withoutSentSecrets(said, bearer);
    expect(cleaned).toContain('[redacted]');
    for (let at = 0; at + 12 <= token.length; at++) {
      expect(cleaned.toLowerCase()).not.toContain(token.slice(at, at + 12).toLowerCase());
    }
  });

  it('keeps the words around it, and text that shares fewer than twelve characters with it', () => {
    expect(withoutSentSecrets(`key ${token} is not valid`, bearer)).toBe('key [redacted] is not valid');
    expect(withoutSentSecrets('eyJhbGciOi is a common start; c2VjcmV0 too', bearer)).toBe(
      'eyJhbGciOi is a common start; c2VjcmV0 too',
    );
  });

  it('keeps the index of every character where a lower case would move it', () => {
    const said = `İİİ key ${token} end`;
    expect(withoutSentSecrets(said, bearer)).toBe('İİİ key [redacted] end');
  });
});
