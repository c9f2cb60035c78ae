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

/**
 * A server's words without the secrets its request carried (a proxy or a service may echo them in an
 * error, and errors reach the page): every header value, and the credential inside Authorization.
 */
export function withoutSentSecrets(text: string, headers: Readonly<Record<string, string>>): string {
  return sentSecrets(headers).reduce((redacted, secret) => redacted.split(secret).join(REDACTED), text);
}

function sentSecrets(headers: Readonly<Record<string, string>>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    secrets.push(value);
    const credential = name.toLowerCase() === 'authorization' ? /^(bearer|basic)\s+(.+)$/i.exec(value) : null;
    if (!credential?.[2]) continue;
    secrets.push(credential[2]);
    if (credential[1]?.toLowerCase() !== 'basic') continue;
    const pair = Buffer.from(credential[2], 'base64').toString('utf8');
    secrets.push(pair, pair.slice(pair.indexOf(':') + 1));
  }
  // Longest first, so that a value is cut out whole before a part of it; a few characters could be anything.
  return secrets.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
}
