/**
 * Keeps Cairn's own garbage collection away from content it is still adding. Kubo holds its GC lock
 * during an `add` only when the add pins, and during `dag/import` only when it pins the roots, so an
 * unpinned upload's blocks could be collected before Files links them. Uploads hold the guard
 * together; a collection holds it alone. Once a collection waits, new uploads wait behind it, so a
 * long queue cannot hold it off: it runs when the uploads already going have landed.
 */
export interface GcGuard {
  /** Waits while a collection runs or waits; gives back the release. Leaves the line when `signal` aborts. */
  hold(signal: AbortSignal): Promise<() => void>;
  /** Waits until no upload holds the guard; gives back the release. Leaves the line when `signal` aborts. */
  holdAlone(signal: AbortSignal): Promise<() => void>;
}

export function createGcGuard(): GcGuard {
  let holders = 0;
  let collecting = false;
  let waitingUploads: (() => void)[] = [];
  const waitingCollections: (() => void)[] = [];

  function once(release: () => void): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  }

  function admit(): void {
    if (collecting) return;
    const collection = waitingCollections.shift();
    if (collection) {
      if (holders > 0) {
        waitingCollections.unshift(collection);
        return;
      }
      collecting = true;
      collection();
      return;
    }
    holders += waitingUploads.length;
    for (const upload of waitingUploads) upload();
    waitingUploads = [];
  }

  const releaseUpload = () => {
    holders -= 1;
    admit();
  };
  const releaseCollection = () => {
    collecting = false;
    admit();
  };

  /** Waits in `line` until admitted; leaves it when `signal` aborts, which may let others in. */
  function waitInLine(line: (() => void)[], signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const admitted = () => {
        signal.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        line.splice(line.indexOf(admitted), 1);
        reject(signal.reason as Error);
        admit();
      };
      signal.addEventListener('abort', leave, { once: true });
      line.push(admitted);
      admit();
    });
  }

  return {
    async hold(signal) {
      signal.throwIfAborted();
      if (!collecting && waitingCollections.length === 0) {
        holders += 1;
        return once(releaseUpload);
      }
      // A collection can take minutes: a cancelled upload, or one a quit stops, does not wait for its end.
      await waitInLine(waitingUploads, signal);
      return once(releaseUpload);
    },
    async holdAlone(signal) {
      signal.throwIfAborted();
      await waitInLine(waitingCollections, signal);
      return once(releaseCollection);
    },
  };
}
