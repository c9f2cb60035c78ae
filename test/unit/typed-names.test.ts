import { describe, expect, it } from 'vitest';
import { requestSchemas, uploadSourceSchema } from '../../shared/ipc/contract';
import { fieldFault } from '../../shared/ipc/field-fault';
import { retypedTextProblem, typedTextProblem } from '../../shared/typed-text';

const OVERRIDE = 'invoice\u202Efdp.exe';

/** The field main names and its words, for a request it refuses; null when it takes the request. */
function refusal(channel: keyof typeof requestSchemas, request: unknown) {
  const parsed = requestSchemas[channel].safeParse(request);
  return parsed.success ? null : fieldFault(parsed.error);
}

describe('names a person types', () => {
  it('refuse a character that turns the text around or is not seen, naming it and what it does', () => {
    expect(typedTextProblem(OVERRIDE)).toBe(
      'a name cannot hold ⟨U+202E⟩, a right-to-left override: it turns the text around it, so it reads as other text',
    );
    expect(typedTextProblem('pay\u200Bpal', 'a pin name')).toBe(
      'a pin name cannot hold ⟨U+200B⟩, a zero-width space: it is not seen, so the text reads as other text',
    );
  });

  it('keep a direction mark in right-to-left text and a joiner inside an emoji or a Persian word', () => {
    for (const legitimate of ['שלום\u200F.txt', '👩\u200D💻 notes', 'می\u200Cخواهم', 'plain name']) {
      expect(typedTextProblem(legitimate)).toBeNull();
    }
    expect(typedTextProblem('left\u200Fmark')).not.toBeNull();
  });

  it('are refused by main at the field that holds them', () => {
    const words = /cannot hold ⟨U\+202E⟩, a right-to-left override/;
    const cases: [keyof typeof requestSchemas, unknown, string][] = [
      ['files.mkdir', { folder: '/', name: OVERRIDE }, 'name'],
      ['files.move', { from: '/a.txt', toFolder: '/', name: OVERRIDE }, 'name'],
      ['ipns.createKey', { name: 'blog\u202E' }, 'name'],
      ['ipns.importToFiles', { input: 'k51qzi5uqu5d', fileName: OVERRIDE }, 'fileName'],
      ['pins.requestRemote', { cids: ['bafy'], serviceIds: ['service-1'], name: OVERRIDE }, 'name'],
      ['pins.requestRemote', { cids: ['bafy'], serviceIds: ['service-1'], name: '', meta: { k: OVERRIDE } }, 'meta.k'],
      [
        'pins.requestRemote',
        { cids: ['bafy'], serviceIds: ['service-1'], name: '', meta: { [OVERRIDE]: 'v' } },
        `meta.${OVERRIDE}.key`,
      ],
      ['pins.replaceRemote', { serviceId: 'service-1', requestId: 'r1', cid: 'bafy', name: OVERRIDE }, 'name'],
    ];
    for (const [channel, request, field] of cases) {
      const fault = refusal(channel, request);
      expect(fault?.field, channel).toBe(field);
      expect(fault?.fieldWords, channel).toMatch(words);
    }
    const text = { kind: 'bytes', name: OVERRIDE, data: new Uint8Array(1), typed: true };
    expect(refusal('uploads.enqueue', { folder: '/', sources: [text], options: {} })).toMatchObject({
      field: 'sources.0.name',
    });
  });

  it('leave a remote pin replaced under its own name, and a search for names, whatever they hold', () => {
    expect(refusal('pins.replaceRemote', { serviceId: 'service-1', requestId: 'r1', cid: 'bafy' })).toBeNull();
    const search = (name: string) =>
      requestSchemas['pins.listRemote'].parse({ serviceId: 'service-1', name, match: 'exact' }).name;
    expect(search(OVERRIDE)).toBe(OVERRIDE);
    // A name copied as Cairn shows it finds the name it was shown for; text that only looks like a marker stays.
    expect(search('invoice⟨U+202E⟩fdp.exe')).toBe(OVERRIDE);
    expect(search('⟨U+0041⟩ and ⟨U+110000⟩')).toBe('⟨U+0041⟩ and ⟨U+110000⟩');
  });

  it('of a settings entry are refused when typed in place of the stored one, not when sent back unchanged', () => {
    // Main checks a service's, a node profile's and a gateway's name against the stored one.
    expect(retypedTextProblem(OVERRIDE, OVERRIDE)).toBeNull();
    expect(retypedTextProblem(OVERRIDE, 'invoice.pdf', 'a gateway name')).toMatch(
      /^a gateway name cannot hold ⟨U\+202E⟩/,
    );
    expect(retypedTextProblem(OVERRIDE, undefined)).toMatch(/^a name cannot hold ⟨U\+202E⟩/);
  });

  it('leave an entry moved under the name it has, and a file added from disk, whatever they hold', () => {
    expect(refusal('files.move', { from: `/in/${OVERRIDE}`, toFolder: '/out', name: OVERRIDE })).toBeNull();
    const file = { kind: 'bytes', name: OVERRIDE, data: new Uint8Array(1) };
    expect(uploadSourceSchema.safeParse(file).success).toBe(true);
  });
});

describe('a remote node profile', () => {
  const profile = (auth: string, secret: string) => ({
    name: 'Remote',
    url: 'http://127.0.0.1:5001',
    auth,
    username: auth === 'basic' ? 'alice' : '',
    secret,
    headers: [],
  });

  it('sends a pasted bearer token without the spaces around it, and a password as typed', () => {
    const parse = (auth: string, secret: string) =>
      requestSchemas['node.saveProfile'].parse({ profile: profile(auth, secret) }).profile.secret;
    expect(parse('bearer', '  token-123\n')).toBe('token-123');
    expect(parse('basic', ' pass phrase ')).toBe(' pass phrase ');
  });

  it('sends a pasted header value without the spaces around it', () => {
    const withHeader = { ...profile('none', ''), headers: [{ name: 'X-Api-Key', value: '\u00A0 key-123 \r\n' }] };
    const parsed = requestSchemas['node.saveProfile'].parse({ profile: withHeader });
    expect(parsed.profile.headers).toEqual([{ name: 'X-Api-Key', value: 'key-123' }]);
  });

  it('refuses, at its field, a token or header value holding what a request cannot carry', () => {
    const withHeader = (value: string) => ({
      profile: { ...profile('none', ''), headers: [{ name: 'X-Key', value }] },
    });
    expect(refusal('node.saveProfile', withHeader('key\n123'))).toMatchObject({
      field: 'profile.headers.0.value',
      fieldWords: 'a header value cannot hold ⟨U+000A⟩, a line break: a request cannot carry it in a header',
    });
    expect(refusal('node.saveProfile', withHeader('key\u0007'))?.fieldWords).toBe(
      'a header value cannot hold ⟨U+0007⟩, a control character: a request cannot carry it in a header',
    );
    expect(refusal('node.saveProfile', withHeader('kéy€'))?.fieldWords).toBe(
      'a header value cannot hold “€”: a request cannot carry it in a header',
    );
    expect(refusal('node.testConnection', { profile: profile('bearer', ' tok\ten ') })).toMatchObject({
      field: 'profile.secret',
      fieldWords: 'a token cannot hold ⟨U+0009⟩, a control character: a request cannot carry it in a header',
    });
    // A password is encoded before it is sent: whatever it holds goes.
    expect(refusal('node.saveProfile', { profile: profile('basic', 'pass\tword') })).toBeNull();
    const service = { name: 'Pins', preset: 'custom', endpoint: 'https://pins.example/', token: 'abc\r\ndef' };
    expect(refusal('pins.saveService', { service })).toMatchObject({
      field: 'service.token',
      fieldWords: 'an access token cannot hold ⟨U+000D⟩, a line break: a request cannot carry it in a header',
    });
    expect(refusal('pins.registerWithKubo', { id: 'service-1', registered: true, token: 'a\u200Bb' })).toMatchObject({
      field: 'token',
      fieldWords: 'an access token cannot hold ⟨U+200B⟩, a zero-width space: a request cannot carry it in a header',
    });
  });
});
