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

  it('keeps only buffers it made, from their start: never a view past it, nor bytes someone else may still use', () => {
    const buffers = bufferRecycler();
    const made = buffers.take(1024);
    const foreign = new Uint8Array(1024);
    buffers.give(made.subarray(512));
    buffers.give(foreign);
    expect(buffers.take(1024).buffer).not.toBe(made.buffer);
    expect(buffers.take(1024).buffer).not.toBe(foreign.buffer);
  });
});
