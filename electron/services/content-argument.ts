import type { CID } from 'multiformats/cid';
import { AppError } from '../../shared/errors';
import { codecNames } from '../../shared/links/cid-names';
import {
  contentCid,
  LinkError,
  parseContentRef,
  RefusedCidError,
  type ContentRef,
} from '../../shared/links/content-ref';

// What a person pasted, read once for every service: a LinkError becomes a VALIDATION error with
// the text and what it should have been, for the renderer's words; the parser's own line is the message.
// A CID Kubo refuses says why, with the hash function and sizes the renderer's sentence needs.

function validated<T>(input: string, problem: 'not-a-cid' | 'not-content', read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RefusedCidError) {
      throw new AppError('VALIDATION', error.message, { input, problem: 'kubo-refuses', ...error.refusal });
    }
    if (error instanceof LinkError) throw new AppError('VALIDATION', error.message, { input, problem });
    throw error;
  }
}

/** A CID in any multibase, of content Kubo can fetch, pin and serve. */
export function cidArgument(text: string): CID {
  return validated(text, 'not-a-cid', () => contentCid(text));
}

/** A CID, /ipfs/ or /ipns/ path, ipfs:// or ipns:// link, or gateway URL. */
export function contentRefArgument(text: string): ContentRef {
  return validated(text, 'not-content', () => parseContentRef(text));
}

/** The path Kubo's commands take for it (`/ipfs/<cid>/a b/c`): segments as they are, Kubo's RPC escapes the query. */
export function kuboPath(ref: ContentRef): string {
  const root = ref.namespace === 'ipfs' ? ref.cid.toString() : ref.name;
  return ['', ref.namespace, root, ...ref.path].join('/');
}

/** `/ipfs/<cid>/path` for any form a person pastes; IPNS names are resolved by the IPNS view, not here. */
export function ipfsPath(ref: string): string {
  return kuboPath(immutableRef(ref));
}

const DAG_PB = 0x70;
const RAW = 0x55;

/**
 * `/ipfs/<cid>/path` of a file or folder to import into Files. A root that is other IPLD data (dag-cbor,
 * dag-json…) is refused by its codec's name, where Kubo would say only “not unixfs node”; a path
 * inside one may still lead to a file.
 */
export function importPath(ref: string): string {
  const parsed = immutableRef(ref);
  const { code } = parsed.cid;
  if (parsed.path.length === 0 && code !== DAG_PB && code !== RAW) {
    const codec = codecNames.get(code) ?? `codec 0x${code.toString(16)}`;
    throw new AppError('VALIDATION', `${ref} is ${codec} data, not a file or folder (UnixFS): Files cannot hold it.`, {
      input: ref,
      problem: 'not-unixfs',
      codec,
    });
  }
  return kuboPath(parsed);
}

function immutableRef(ref: string): Extract<ContentRef, { namespace: 'ipfs' }> {
  const parsed = contentRefArgument(ref);
  if (parsed.namespace !== 'ipfs') {
    throw new AppError('VALIDATION', `${ref} is an IPNS name; import what it points to from the Names view.`, {
      input: ref,
      problem: 'ipns-name',
    });
  }
  return parsed;
}
