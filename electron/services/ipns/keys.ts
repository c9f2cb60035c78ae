import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { SELF_KEY, type IpnsKey } from '../../../shared/ipc/contract';
import { kubo as kuboCli, type KuboRepo } from '../node/kubo-process';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal } from '../kubo/kubo-errors';
import { quoted } from '../../../shared/hidden-characters';

interface KuboKey {
  Name: string;
  Id: string;
}

/** Key files are a few dozen bytes (ed25519) to a few KiB (RSA 4096 in PEM). */
const MAX_KEY_FILE_BYTES = 64 * 1024;
const base36 = { 'ipns-base': 'base36' };

const asKey = (key: KuboKey): IpnsKey => ({ name: key.Name, id: key.Id, protected: key.Name === SELF_KEY });

export async function listKeys(kubo: KuboClient): Promise<IpnsKey[]> {
  const { Keys } = await kubo.call<{ Keys: KuboKey[] | null }>('key/list', { l: 'true', ...base36 });
  return (Keys ?? []).map(asKey);
}

/**
 * The key `ref` names, or KEY_NOT_FOUND naming it: by name, then by ID, unless `by` says otherwise.
 * The order matters, since a key may be named like another key's ID (a name is any letters and digits).
 */
export async function findKey(
  kubo: KuboClient,
  ref: string,
  by: readonly ('name' | 'id')[] = ['name', 'id'],
): Promise<IpnsKey> {
  const keys = await listKeys(kubo);
  for (const field of by) {
    const key = keys.find((candidate) => candidate[field] === ref);
    if (key) return key;
  }
  throw unknownKey(ref);
}

export async function createKey(kubo: KuboClient, name: string): Promise<IpnsKey> {
  return asKey(await kubo.call<KuboKey>('key/gen', { arg: name, type: 'ed25519', ...base36 }).catch(keyFailure(name)));
}

export async function renameKey(kubo: KuboClient, from: string, to: string): Promise<IpnsKey> {
  if (from === SELF_KEY) throw protectedKey('renamed');
  const renamed = await kubo
    .call<{ Now: string; Id: string }>('key/rename', [
      ['arg', from],
      ['arg', to],
      ['ipns-base', 'base36'],
    ])
    .catch((error: unknown) => {
      if (error instanceof KuboRefusal && /already exists/i.test(error.kuboMessage)) return keyFailure(to)(error);
      return keyFailure(from)(error);
    });
  return asKey({ Name: renamed.Now, Id: renamed.Id });
}

export async function removeKey(kubo: KuboClient, name: string): Promise<void> {
  if (name === SELF_KEY) throw protectedKey('removed');
  await kubo.call('key/rm', { arg: name, ...base36 }).catch(keyFailure(name));
}

/** Kubo exports keys only from its CLI, on the repo itself: a remote node cannot give its keys away. */
export function exportingRepo(repo: KuboRepo | null): KuboRepo {
  if (repo) return repo;
  throw new AppError(
    'UNSUPPORTED',
    'Kubo exports keys only on the machine that holds its repository: switch to the embedded node, or run `ipfs key export` there.',
  );
}

export async function exportKey(repo: KuboRepo, name: string, file: string): Promise<void> {
  try {
    // Options first, then `--`: a key may be named `--output` or `-o`, and is still only a name.
    await kuboCli(repo, ['key', 'export', '--output', file, '--', name]);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? error);
    if (/no key|not found/i.test(stderr)) throw unknownKey(name);
    throw new AppError('NODE_ERROR', `Kubo could not export ${name}: ${stderr.trim()}`, {
      action: 'export-key',
      target: name,
    });
  }
}

/** Imports a key file as Kubo or another libp2p tool writes it: protobuf (Kubo's default) or PEM PKCS#8. */
export async function importKey(kubo: KuboClient, name: string, file: string): Promise<IpnsKey> {
  const bytes = await readKeyFile(file);
  const format = bytes.subarray(0, 10).toString('latin1').startsWith('-----BEGIN')
    ? 'pem-pkcs8-cleartext'
    : 'libp2p-protobuf-cleartext';
  const body = new FormData();
  body.append('file', new Blob([bytes]), 'key');
  const imported = await kubo
    .call<KuboKey>('key/import', { arg: name, format, ...base36 }, { body })
    .catch((error: unknown) => {
      if (error instanceof KuboRefusal && /unmarshal|parse|invalid|decode/i.test(error.kuboMessage)) {
        throw new AppError(
          'VALIDATION',
          `This file is not a key Kubo can read (a key exported by Cairn or \`ipfs key export\`, or a PEM PKCS#8 private key): ${error.kuboMessage}`,
          { path: file, problem: 'not-a-key-file' },
        );
      }
      return keyFailure(name)(error);
    });
  return asKey(imported);
}

/**
 * A key file's bytes. Opened without blocking and looked at before it is read: a pipe or device
 * has no end to read to (or waits until one is written), and a key file is small.
 */
async function readKeyFile(file: string): Promise<Buffer<ArrayBuffer>> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    const problem = !info.isFile()
      ? 'is not a regular file, so it cannot be a key file'
      : info.size > MAX_KEY_FILE_BYTES
        ? `is ${info.size} bytes: too large to be a key file`
        : null;
    if (problem) throw new AppError('VALIDATION', `${file} ${problem}.`, { path: file, problem: 'not-a-key-file' });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Kubo's refusals about keys, as the specific errors the interface explains. */
function keyFailure(name: string): (error: unknown) => never {
  return (error) => {
    if (!(error instanceof KuboRefusal)) throw error;
    if (/already exists/i.test(error.kuboMessage)) {
      throw new AppError('ALREADY_EXISTS', `A key named ${quoted(name)} already exists: choose another name.`, {
        key: name,
      });
    }
    if (/no key|not found|doesn't exist|does not exist/i.test(error.kuboMessage)) throw unknownKey(name);
    if (/self/i.test(error.kuboMessage)) throw protectedKey('changed');
    throw new AppError('NODE_ERROR', `Kubo refused: ${error.kuboMessage}`, { action: 'key', target: name });
  };
}

export function unknownKey(name: string): AppError {
  return new AppError('KEY_NOT_FOUND', `The node has no key named ${quoted(name)}.`, { key: name });
}

function protectedKey(how: string): AppError {
  return new AppError(
    'KEY_PROTECTED',
    `“self” is the node’s own identity key: it cannot be ${how}. Create another key for names you want to manage.`,
    { key: 'self', refused: how },
  );
}
