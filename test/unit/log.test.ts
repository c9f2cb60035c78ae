import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, recentProblems, startLogFile } from '../../electron/services/log';
import { redactSecrets } from '../../electron/services/redact';

const token = 'tok_9f8e7d6c5b4a';
const password = 'correct-horse-battery';

describe('log redaction', () => {
  it('cuts tokens, passwords and URL credentials out of text, and leaves the rest', () => {
    expect(redactSecrets(`Authorization: Bearer ${token}`)).toBe('Authorization: [redacted]');
    expect(redactSecrets(`calling https://ada:${encodeURIComponent(password)}@node.example:5001/api/v0/id`)).toBe(
      'calling https://[redacted]@node.example:5001/api/v0/id',
    );
    expect(redactSecrets('{"password": "two words", "user": "ada"}')).toBe('{"password": [redacted], "user": "ada"}');
    expect(redactSecrets(`GET /pins?token=${token}&limit=10`)).toBe('GET /pins?token=[redacted]&limit=10');
    expect(redactSecrets(`server said: Bearer ${token} is not valid`)).toBe(
      'server said: Bearer [redacted] is not valid',
    );
    expect(redactSecrets('the key named photos failed authorization (403)')).toBe(
      'the key named photos failed authorization (403)',
    );
  });
});

describe('log file', () => {
  let dataDir: string;
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-log-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes JSON lines to a rotating file in the data folder, with secrets redacted', async () => {
    const folder = await startLogFile(dataDir);
    expect(folder).toBe(join(dataDir, 'logs'));
    const log = createLogger('pins', quiet);
    log.info('service Pinata checked');
    log.error(`Pin request failed with Authorization: Bearer ${token}`, new Error(`password=${password} refused`));

    expect(await readdir(folder)).toEqual(['cairn.1.log']);
    const lines = (await readFile(join(folder, 'cairn.1.log'), 'utf8')).trim().split('\n');
    const entries = lines.map(
      (line) => JSON.parse(line) as { level: number; scope: string; msg: string; error?: string },
    );
    expect(entries.map(({ level, scope, msg }) => ({ level, scope, msg }))).toEqual([
      { level: 30, scope: 'pins', msg: 'service Pinata checked' },
      { level: 50, scope: 'pins', msg: 'Pin request failed with Authorization: [redacted]' },
    ]);
    expect(entries[1]?.error).toContain('password=[redacted]');
    const everything = lines.join('\n') + recentProblems().join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('horse');
    expect(recentProblems().at(-1)).toMatch(
      /error \[pins\] Pin request failed with Authorization: \[redacted\]: Error: password=\[redacted\]/,
    );
  });
});
