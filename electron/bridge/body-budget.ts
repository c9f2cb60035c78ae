export type Release = () => void;

interface Waiter {
  bytes: number;
  admit(): void;
}

/**
 * How many request-body bytes the bridge holds at once. A request reserves its declared size
 * before its body is read; past the budget it waits in line (unread, it costs only socket buffers),
 * and when `maxWaiting` requests already wait it is refused at once.
 */
export function createBodyBudget(limitBytes: number, maxWaiting: number) {
  let used = 0;
  const line: Waiter[] = [];

  // First fit, in arrival order: a small call is not held up behind a large body that cannot fit yet.
  const admitFitting = () => {
    for (const waiter of [...line]) {
      if (used + waiter.bytes > limitBytes) continue;
      line.splice(line.indexOf(waiter), 1);
      used += waiter.bytes;
      waiter.admit();
    }
  };

  return {
    /**
     * Resolves with the release once `bytes` fit, or 'busy' at once when the line is full. Rejects
     * when `signal` aborts (the caller went away) before its turn.
     */
    reserve(bytes: number, signal: AbortSignal): Promise<Release> | 'busy' {
      if (used + bytes > limitBytes && line.length >= maxWaiting) return 'busy';
      return new Promise((resolve, reject) => {
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          used -= bytes;
          admitFitting();
        };
        const leave = () => {
          line.splice(line.indexOf(waiter), 1);
          reject(new Error('the request was abandoned while waiting'));
        };
        const waiter: Waiter = {
          bytes,
          admit: () => {
            signal.removeEventListener('abort', leave);
            resolve(release);
          },
        };
        line.push(waiter);
        signal.addEventListener('abort', leave, { once: true });
        admitFitting();
      });
    },
  };
}
