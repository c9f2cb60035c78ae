import type { IncomingMessage } from 'node:http';

/** How far an answer is read ahead of the walk: a few leaves, so the gateway keeps sending. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/** An answer's body read in exact lengths, a bounded amount ahead, handed out as the chunks it came in. */
export class BodyReader {
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  /** `at`: the offset of the next byte this reader hands out (in the file, for a file's answer). */
  constructor(
    private readonly body: IncomingMessage,
    public at = 0,
  ) {
    body.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      this.queued += chunk.length;
      if (this.queued >= READ_AHEAD_BYTES) body.pause();
      this.wake?.();
    });
    body.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
    body.on('error', (error) => {
      this.failure = error;
      this.wake?.();
    });
    body.on('close', () => {
      if (!this.ended) this.failure ??= new Error('the connection closed');
      this.wake?.();
    });
  }

  /** Whether a byte is left to hand out: false once the answer ended cleanly with none. */
  async more(): Promise<boolean> {
    while (this.queued === 0) {
      if (this.failure) throw this.failure;
      if (this.ended) return false;
      await this.arrival();
    }
    return true;
  }

  /** The next `length` bytes; fails when the answer ends or breaks first. */
  async take(length: number): Promise<Buffer[]> {
    while (this.queued < length) {
      if (this.failure) throw this.failure;
      if (this.ended) throw new Error(`the answer ended ${length - this.queued} bytes early`);
      await this.arrival();
    }
    const parts: Buffer[] = [];
    let left = length;
    while (left > 0) {
      const head = this.queue[0] as Buffer;
      if (head.length <= left) {
        this.queue.shift();
        parts.push(head);
        left -= head.length;
      } else {
        parts.push(head.subarray(0, left));
        this.queue[0] = head.subarray(left);
        left = 0;
      }
    }
    this.queued -= length;
    this.at += length;
    if (this.queued < READ_AHEAD_BYTES) this.body.resume();
    return parts;
  }

  /**
   * Passes over the next `length` bytes a read-ahead at a time, keeping none: a file's bytes that
   * other blocks hold may run to gigabytes, which `take` would hold all at once.
   */
  async skip(length: number): Promise<void> {
    for (let left = length; left > 0;) {
      const step = Math.min(left, Math.max(this.queued, 1));
      await this.take(step);
      left -= step;
    }
  }

  /** Reads on to the answer's end keeping nothing, or until more than `cap` bytes came; how many came. */
  async drain(cap: number): Promise<number> {
    let count = 0;
    while (count <= cap && (await this.more())) {
      const length = this.queued;
      await this.take(length);
      count += length;
    }
    return count;
  }

  /**
   * `reading`, failed with 'timeout' unless it is done within `timeoutMs`: a gateway that trickles a
   * byte now and then is never idle, so each block gets a deadline of its own.
   */
  async within<T>(timeoutMs: number, reading: Promise<T>): Promise<T> {
    const deadline = setTimeout(() => this.body.destroy(new Error('timeout')), timeoutMs);
    try {
      return await reading;
    } finally {
      clearTimeout(deadline);
    }
  }

  close(): void {
    this.body.destroy();
  }

  private async arrival(): Promise<void> {
    this.body.resume();
    await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
  }
}
