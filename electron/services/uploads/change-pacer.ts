/**
 * When the upload queue tells its listeners what changed. A state change (queued, adding, added,
 * failed...) is what a person waits for; progress is not. Both are sent at most every `everyMs`, in
 * the same events: progress waits for the next one, while a state change goes at once unless another
 * state change went less than `everyMs` ago. So a finished upload shows at once however much
 * progress was sent before it, and ten thousand uploads still make a few events a second.
 */
export interface ChangePacer {
  /** Progress changed: sent with the next event, at most `everyMs` from now. */
  progress(): void;
  /** A state changed: sent now, or `everyMs` after the last state change sent. */
  state(): void;
  /** Sends what changed now (a failed enqueue takes back its items at once). */
  now(): void;
  stop(): void;
}

export function changePacer(send: () => void, everyMs: number): ChangePacer {
  let timer: NodeJS.Timeout | undefined;
  let due = Infinity;
  let statePending = false;
  let lastStateSent = -Infinity;

  function sendNow(): void {
    clearTimeout(timer);
    timer = undefined;
    due = Infinity;
    if (statePending) lastStateSent = Date.now();
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
    progress: () => sendAt(Date.now() + everyMs),
    state() {
      statePending = true;
      const at = lastStateSent + everyMs;
      if (at <= Date.now()) sendNow();
      else sendAt(at);
    },
    now: sendNow,
    stop: () => clearTimeout(timer),
  };
}
