import { CarWriter } from '@ipld/car';
import { importer, type ImportCandidate } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';
import { AppError } from '../../../shared/errors';
import type { ImportSettings } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { treeCandidates } from '../verify/local-source';
import { importerOptions } from '../verify/recompute';
import type { WalkEntry } from '../walk';
import type { AddedRoot, AddTreeOptions } from './kubo-add';
import { newBoundary, partHeader } from './multipart';
import { pinImported } from './pin-imported';

const FILES_AT_ONCE = 4;

export interface CarAddOptions extends Omit<AddTreeOptions, 'params'> {
  settings: ImportSettings;
  pin: boolean;
  pinName: string;
}

/**
 * Adds a walked tree as `ipfs add` would on a node with these settings, whatever the node's own:
 * the DAG is built here, folders as Kubo shards them, and streamed to `dag/import` as it is made.
 * The root is known only at the end, so the body is two CARs: the blocks under no root, then the
 * root alone. Pinned afterwards under the upload's name (see pinImported).
 */
export async function addTreeAsCar(kubo: KuboClient, entries: WalkEntry[], options: CarAddOptions): Promise<AddedRoot> {
  const top = entries[0];
  if (!top) throw new AppError('VALIDATION', 'Nothing to add.');
  // Ends the build when the request does: it stops at its next read, and the blocks it still
  // writes meanwhile are read and dropped, so that none waits for a reader that has gone.
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const { writer, out } = CarWriter.create([]);
  const blocks = out[Symbol.asyncIterator]();
  stop.signal.addEventListener('abort', () => void drain(blocks), { once: true });
  const blockstore = {
    put: async (cid: CID, bytes: Uint8Array) => {
      await writer.put({ cid, bytes });
      return cid;
    },
  };
  // Each file in the build holds its blocks until the request takes them (ten at most): a few
  // files at a time keep that to a few MiB, where the importer's 50 held hundreds.
  const build = { ...importerOptions(options.settings), fileImportConcurrency: FILES_AT_ONCE };
  let root: { cid: CID; size: number } | undefined;
  const building = (async () => {
    try {
      const candidates = withProgress(treeCandidates(entries, { hidden: true, signal, onBytes: () => {} }), options);
      for await (const entry of importer(candidates, blockstore, build)) {
        options.onAdded(entry.path ?? '');
        if (entry.path === top.name) root = { cid: entry.cid, size: Number(entry.size) };
      }
    } finally {
      // Ends the blocks the body reads, not awaited: it waits for a reader, which a failed request no longer has.
      writer.close().catch(() => undefined);
    }
  })();
  // Awaited by the body; this only keeps a build the body never reached (a refused request) quiet.
  building.catch(() => undefined);

  const boundary = newBoundary();
  async function* body(): AsyncGenerator<Buffer> {
    yield partHeader(boundary, { name: 'blocks.car', type: 'file' });
    for (let next = await blocks.next(); next.done !== true; next = await blocks.next()) yield asBuffer(next.value);
    await building;
    if (!root) throw new AppError('VALIDATION', 'Nothing to add.');
    yield Buffer.from('\r\n');
    yield partHeader(boundary, { name: 'root.car', type: 'file' });
    const rootOnly = CarWriter.create([root.cid]);
    void rootOnly.writer.close();
    for await (const bytes of rootOnly.out) yield asBuffer(bytes);
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }

  try {
    await kubo.upload(
      'dag/import',
      { 'pin-roots': 'false', stats: 'false' },
      { boundary, body: () => (options.sending ? options.sending(body()) : body()) },
      options.signal,
      () => undefined,
    );
  } finally {
    stop.abort();
  }
  if (!root) {
    throw new AppError('NODE_ERROR', `The node ended the import without a CID for ${top.name}.`, {
      action: 'add',
      target: top.name,
    });
  }
  const cid = root.cid.toString();
  if (options.pin) await pinImported(kubo, [cid], { name: options.pinName, what: top.name, signal: options.signal });
  return { cid, size: root.size };
}

/** Each file's bytes as the importer reads them, counted per file as `add` reports them. */
function* withProgress(
  candidates: Iterable<ImportCandidate>,
  options: Pick<CarAddOptions, 'onBytes'>,
): Iterable<ImportCandidate> {
  for (const candidate of candidates) {
    if (!('content' in candidate) || candidate.content instanceof Uint8Array) {
      yield candidate;
      continue;
    }
    const { content, path = '' } = candidate;
    yield {
      ...candidate,
      content: (async function* () {
        let read = 0;
        for await (const chunk of content) {
          read += chunk.byteLength;
          options.onBytes(path, read);
          yield chunk;
        }
      })(),
    };
  }
}

async function drain(blocks: AsyncIterator<Uint8Array>): Promise<void> {
  while ((await blocks.next()).done !== true);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
