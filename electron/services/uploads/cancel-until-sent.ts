/**
 * An upload's cancel as its requests see it: it stops the upload while its bytes are still on their
 * way to the node, and no longer once the last of them was sent. From then on the node may pin what
 * they made at any moment, and Cairn cannot undo that pin safely: pinning a CID again replaces its
 * pin (and name), so nothing tells a pin this upload made from one the user had before. The upload
 * is finished instead (linked into Files), and says that the cancel came too late.
 */
export interface CancelUntilSent {
  /** Aborted by the cancel if it comes before `sent`. */
  signal: AbortSignal;
  /** The request body, which marks the upload sent once its last chunk was taken. */
  sending: (body: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>;
}

export function cancelUntilSent(cancel: AbortSignal): CancelUntilSent {
  const controller = new AbortController();
  let sent = false;
  const stop = () => {
    if (!sent) controller.abort(cancel.reason);
  };
  if (cancel.aborted) stop();
  else cancel.addEventListener('abort', stop, { once: true });
  return {
    signal: controller.signal,
    async *sending(body) {
      yield* body;
      sent = !controller.signal.aborted;
    },
  };
}
