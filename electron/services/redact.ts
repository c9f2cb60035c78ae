// Secrets that could ride along in a message or an error (a header echoed by a server, a URL with
// credentials, a token in a query) are cut out before anything is logged or copied for support.

const REDACTED = '[redacted]';
/** A value: quoted (spaces and all) or bare up to a separator. */
const VALUE = String.raw`(?:"[^"]*"|'[^']*'|[^\s"'&,;}]+)`;

const patterns: [RegExp, string][] = [
  // Authorization: Bearer abc / "authorization":"Basic abc" / authorization=abc
  [new RegExp(String.raw`(authorization["']?\s*[:=]\s*)(?:["']?(?:bearer|basic)\s+)?${VALUE}`, 'gi'), `$1${REDACTED}`],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, `$1${REDACTED}@`],
  // token=..., "password": "...", api_key: ...
  [
    new RegExp(
      String.raw`\b(access[_-]?token|token|password|passwd|secret|api[_-]?key|client[_-]?secret)(["']?\s*[:=]\s*)${VALUE}`,
      'gi',
    ),
    `$1$2${REDACTED}`,
  ],
];

export function redactSecrets(text: string): string {
  return patterns.reduce((redacted, [pattern, replacement]) => redacted.replace(pattern, replacement), text);
}
