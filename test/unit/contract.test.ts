import { describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/ipc/channels';
import { opIdSchema, requestSchemas, uploadSourceSchema } from '../../shared/ipc/contract';

describe('the IPC contract', () => {
  it('has a schema for every channel and no other', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...channelNames].sort());
  });

  it('accepts URL-safe opIds of 8 to 64 characters', () => {
    expect(opIdSchema.safeParse(crypto.randomUUID()).success).toBe(true);
    for (const bad of ['short', 'x'.repeat(65), 'has space 123', '../../etc/x']) {
      expect(opIdSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('takes inline bytes only with a plain file name', () => {
    const data = new Uint8Array(3);
    expect(uploadSourceSchema.safeParse({ kind: 'bytes', name: 'ok name.txt', data }).success).toBe(true);
    for (const name of ['', '.', '..', 'a/b', 'x'.repeat(256)]) {
      expect(uploadSourceSchema.safeParse({ kind: 'bytes', name, data }).success).toBe(false);
    }
  });
});
