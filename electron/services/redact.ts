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

/** Twelve characters in a row that a secret also holds are taken for part of it: a server may echo a token cut short. */
const SHARED_RUN = 12;

/**
 * A server's words without the secrets its request carried (a proxy or a service may echo them in an
 * error, and errors reach the page): every header value, and the credential inside Authorization,
 * as sent or as a server may have written it back (URL-, JSON- or HTML-escaped, in base64, in
 * another case, cut short or split).
 */
export function withoutSentSecrets(text: string, headers: Readonly<Record<string, string>>): string {
  const secrets = sentSecrets(headers).flatMap(echoedForms);
  const cut = new Array<boolean>(text.length).fill(false);
  const lower = asciiLower(text);
  const runs = new Set<string>();
  for (const secret of secrets) {
    const folded = asciiLower(secret);
    if (folded.length < SHARED_RUN) markAll(cut, lower, folded);
    for (let at = 0; at + SHARED_RUN <= folded.length; at++) runs.add(folded.slice(at, at + SHARED_RUN));
  }
  for (let at = 0; at + SHARED_RUN <= text.length; at++) {
    if (runs.has(lower.slice(at, at + SHARED_RUN))) cut.fill(true, at, at + SHARED_RUN);
  }
  let kept = '';
  for (let at = 0; at < text.length; at++) {
    if (!cut[at]) kept += text.charAt(at);
    else if (!cut[at - 1]) kept += REDACTED;
  }
  return kept;
}

/** Lower case that keeps every index where it was (String#toLowerCase can change a string's length). */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function markAll(cut: boolean[], text: string, secret: string): void {
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1))
    cut.fill(true, at, at + secret.length);
}

/** How a server may write a value back: as it was, escaped for a URL, a form, JSON or HTML, or in base64. */
function echoedForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  const json = JSON.stringify(secret).slice(1, -1);
  const html = secret.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const named = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    url,
    url.replace(/%20/g, '+'),
    json,
    // PHP and others write a slash in JSON as \/.
    json.replace(/\//g, '\\/'),
    html,
    named,
    bytes.toString('base64'),
    bytes.toString('base64url'),
  ];
}

function sentSecrets(headers: Readonly<Record<string, string>>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const credential = name.toLowerCase() === 'authorization' ? /^(bearer|basic)\s+(.+)$/i.exec(value) : null;
    // The scheme's name is no secret: cut with it, the space before a token went too.
    secrets.push(credential?.[2] ?? value);
    if (!credential?.[2]) continue;
    if (credential[1]?.toLowerCase() !== 'basic') continue;
    const pair = Buffer.from(credential[2], 'base64').toString('utf8');
    secrets.push(pair, pair.slice(pair.indexOf(':') + 1));
  }
  // A few characters could be anything.
  return secrets.filter((secret) => secret.length >= 4);
}
