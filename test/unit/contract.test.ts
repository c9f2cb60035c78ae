import { describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/ipc/channels';
import { opIdSchema, requestSchemas, uploadSourceSchema } from '../../shared/ipc/contract';
import { rpcAddressSchema } from '../../shared/settings';

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

  it('takes an RPC address as an http(s) URL without credentials, or a TCP multiaddr', () => {
    for (const good of [
      'http://127.0.0.1:5001',
      'https://node.example/',
      '/ip4/10.0.0.5/tcp/5001',
      '/dns4/node.example/tcp/443/https',
    ]) {
      expect(rpcAddressSchema.safeParse(good).success).toBe(true);
    }
    for (const bad of [
      '',
      'ftp://node.example',
      'https://alice:secret@node.example',
      'node.example:5001',
      '/ip4/10.0.0.5/udp/4001',
    ]) {
      expect(rpcAddressSchema.safeParse(bad).success).toBe(false);
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
