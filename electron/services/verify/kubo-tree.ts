import {
  importer,
  type ImportCandidate,
  type ImporterOptions,
  type ImportResult,
  type InProgressImportResult,
  type TreeBuilder,
} from 'ipfs-unixfs-importer';

interface Folder {
  /** The importer's own entry for the folder: what an empty folder is. */
  empty?: ImportResult;
  children: Map<string, Folder | ImportResult>;
}

/**
 * Folders built as `ipfs add` builds them. Kubo links a subfolder into its parent as soon as it
 * creates it, so every subfolder counts toward the parent's sharding estimate, as it ends up. The
 * importer's own tree builder decides to shard while entries arrive, when a subfolder has no CID
 * yet and so counts for nothing: a folder large because of its subfolders never shards there.
 *
 * Here every folder is finished bottom-up, its subfolders first, and then handed to the importer's
 * own tree builder with all its links known, so that the sharding rule and the HAMT are the
 * importer's, applied to what Kubo applies them to. (Kubo's estimate only grows while it adds, so
 * its decision is the one the finished folder gives.)
 */
export function kuboTreeBuilder(
  options: ImporterOptions,
  /** What a finished entry is linked as (by default, itself): see `rehashing`. */
  linked: (entry: ImportResult) => ImportResult = (entry) => entry,
): TreeBuilder {
  return async function* (source, blockstore) {
    const root: Folder = { children: new Map() };
    for await (const entry of source) {
      const parts = (entry.path ?? '').split('/').filter((part) => part !== '');
      const name = parts.pop();
      if (name === undefined) continue;
      const parent = parts.reduce(folderAt, root);
      if (entry.unixfs?.isDirectory() === true) {
        folderAt(parent, name).empty = entry;
      } else {
        parent.children.set(name, entry);
        yield entry;
      }
    }
    const finished: ImportResult[] = [];
    const finish = async (folder: Folder, path: string): Promise<ImportResult> => {
      const links = new Map<string, ImportResult>();
      for (const [name, child] of folder.children) {
        links.set(name, linked(isFolder(child) ? await finish(child, path ? `${path}/${name}` : name) : child));
      }
      const result = links.size === 0 && folder.empty ? folder.empty : await folderOf(links, blockstore, options);
      finished.push({ ...result, path });
      return result;
    };
    if (options.wrapWithDirectory) {
      await finish(root, '');
    } else {
      for (const [name, child] of root.children) if (isFolder(child)) await finish(child, name);
    }
    yield* finished;
  };
}

function folderAt(parent: Folder, name: string): Folder {
  const existing = parent.children.get(name);
  if (existing && isFolder(existing)) return existing;
  const folder: Folder = { children: new Map() };
  parent.children.set(name, folder);
  return folder;
}

function isFolder(child: Folder | ImportResult): child is Folder {
  return 'children' in child;
}

/** One folder of finished links, through the importer's own tree builder: flat or HAMT, as it decides. */
async function folderOf(
  links: Map<string, ImportResult>,
  blockstore: Parameters<TreeBuilder>[1],
  options: ImporterOptions,
): Promise<ImportResult> {
  const candidates: ImportCandidate[] = [...links.keys()].map((name) => ({ path: name }));
  let folder: ImportResult | undefined;
  for await (const entry of importer(candidates, blockstore, {
    ...options,
    wrapWithDirectory: true,
    treeBuilder: undefined,
    // Every link is known already: each candidate is its finished entry.
    dagBuilder: async function* (source) {
      for await (const candidate of source) {
        const link = links.get(candidate.path ?? '') as ImportResult;
        yield () => Promise.resolve<InProgressImportResult>({ ...link, path: candidate.path ?? '' });
      }
    },
  })) {
    if (entry.path === '') folder = entry;
  }
  if (!folder) throw new Error('the importer made no folder');
  return folder;
}
