import { describe, expect, it } from 'vitest';
import { bufferRecycler } from '../../electron/services/recycled-buffers';

describe('bufferRecycler', () => {
  it('hands a buffer given back out again, by size', () => {
    const buffers = bufferRecycler();
    const first = buffers.take(1024);
    buffers.give(first);
    expect(buffers.take(2048)).not.toBe(first);
    expect(buffers.take(1024).buffer).toBe(first.buffer);
    expect(buffers.take(1024).buffer).not.toBe(first.buffer);
  });

  it('keeps only whole buffers it made: never a view, nor bytes someone else may still use', () => {
    const buffers = bufferRecycler();
    const made = buffers.take(1024);
    const foreign = new Uint8Array(1024);
    expect(buffers.owns(made)).toBe(true);
    expect(buffers.owns(made.subarray(0, 512))).toBe(false);
    expect(buffers.owns(foreign)).toBe(false);
    buffers.give(made.subarray(0, 512));
    buffers.give(foreign);
    expect(buffers.take(512).buffer).not.toBe(made.buffer);
    expect(buffers.take(1024).buffer).not.toBe(foreign.buffer);
  });

  it('takes back a buffer of its own that moved to a thread and back', () => {
    const buffers = bufferRecycler();
    const lent = buffers.take(1024);
    const { port1, port2 } = new MessageChannel();
    const back = new Promise<Uint8Array<ArrayBuffer>>((resolve) => {
      port2.once('message', (bytes: Uint8Array<ArrayBuffer>) => resolve(bytes));
    });
    port1.postMessage(lent, [lent.buffer]);
    return back.then((bytes) => {
      port1.close();
      expect(lent.byteLength).toBe(0);
      expect(buffers.owns(bytes)).toBe(false);
      const adopted = buffers.adopt(bytes);
      expect(buffers.owns(adopted)).toBe(true);
      buffers.give(adopted);
      expect(buffers.take(1024).buffer).toBe(bytes.buffer);
    });
  });
});
