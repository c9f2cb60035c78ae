import { describe, expect, it } from 'vitest';
import type { KuboClient } from '../../electron/services/kubo/kubo-client';
import { addTreeAsCar } from '../../electron/services/uploads/car-add';
import { importerOptions } from '../../electron/services/verify/recompute';
import { KUBO_CID_V1 } from '../../shared/verify/import-settings';

const BLAKE3 = { ...KUBO_CID_V1, hash: 'blake3' } as const;

describe("the importer's settings, which hash with sha2-256 only", () => {
  it('refuses settings naming another hash function rather than building with sha2-256', () => {
    expect(() => importerOptions(BLAKE3)).toThrow("Cairn's importer hashes with sha2-256 only, not blake3.");
    expect(importerOptions(KUBO_CID_V1).cidVersion).toBe(1);
  });

  it('refuses an upload built in Cairn with another hash function before asking the node anything', async () => {
    const asked: string[] = [];
    const kubo = new Proxy({} as KuboClient, {
      get: (_, name) => {
        asked.push(String(name));
        return () => Promise.reject(new Error('not asked'));
      },
    });
    const file = { name: 'a.txt', path: '/nonexistent/a.txt', type: 'file', size: 1 } as const;
    const upload = addTreeAsCar(kubo, [file], {
      settings: BLAKE3,
      pin: false,
      pinName: 'a.txt',
      signal: new AbortController().signal,
      onBytes: () => undefined,
      onAdded: () => undefined,
    });
    await expect(upload).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(upload).rejects.toThrow("Cairn's importer hashes with sha2-256 only, not blake3.");
    expect(asked).toEqual([]);
  });
});
