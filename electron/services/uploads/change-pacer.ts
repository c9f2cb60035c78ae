/**
 * When the upload queue tells its listeners what changed. A state change (queued, adding, added,
 * failed...) is what a person waits for; progress is not. Progress waits for the next event, at most
 * `progressMs` away. State changes spend from a small allowance of `burst` events that refills by
 * one every `stateMs`: one upload's queued, adding and added each show at once, while a flood of
 * ten thousand uploads makes evenly spaced events, a few items each.
 */
export interface ChangePacer {
  /** Progress changed: sent with the next event, at most `progressMs` from now. */
  progress(): void;
  /** A state changed: sent now, or as soon as the allowance has an event again. */
  state(): void;
  /** Sends what changed now (a failed enqueue takes back its items at once). */
  now(): void;
  stop(): void;
}

export interface Pace {
  progressMs: number;
  stateMs: number;
  burst: number;
}

export function changePacer(send: () => void, { progressMs, stateMs, burst }: Pace): ChangePacer {
  let timer: NodeJS.Timeout | undefined;
  let due = Infinity;
  let statePending = false;
  // The allowance as it stood at `countedAt`; it may go below zero when progress carries a state change early.
  let allowance = burst;
  let countedAt = Date.now();

  const allowanceAt = (now: number) => Math.min(burst, allowance + (now - countedAt) / stateMs);

  function sendNow(): void {
    clearTimeout(timer);
    timer = undefined;
    due = Infinity;
    if (statePending) {
      const now = Date.now();
      allowance = allowanceAt(now) - 1;
      countedAt = now;
    }
    statePending = false;
    send();
  }

  function sendAt(at: number): void {
    if (at >= due) return;
    clearTimeout(timer);
    due = at;
    timer = setTimeout(sendNow, Math.max(0, at - Date.now()));
  }

  return {
    progress: () => sendAt(Date.now() + progressMs),
    state() {
      statePending = true;
      const now = Date.now();
      const left = allowanceAt(now);
      if (left >= 1) sendNow();
      else sendAt(now + Math.ceil((1 - left) * stateMs));
    },
    now: sendNow,
    stop: () => clearTimeout(timer),
  };
}
