import { describe, expect, it } from 'vitest';
import { pendingUploads } from '../../electron/services/uploads/pending-uploads';

const takeAll = (pending: ReturnType<typeof pendingUploads>) => {
  const taken: string[] = [];
  for (let id = pending.take(); id !== undefined; id = pending.take()) taken.push(id);
  return taken;
};

describe('uploads waiting to start', () => {
  it('are taken in their place in the queue, whatever order they came back in', () => {
    const pending = pendingUploads();
    const places = Array.from({ length: 500 }, (_, i) => (i * 7919) % 500);
    for (const place of places) pending.add(`u${place}`, place);
    expect(takeAll(pending)).toEqual(Array.from({ length: 500 }, (_, i) => `u${i}`));
    expect(pending.take()).toBeUndefined();
  });

  it('put back between takes, go before those queued after them', () => {
    const pending = pendingUploads();
    for (const place of [1, 2, 3]) pending.add(`u${place}`, place);
    expect(pending.take()).toBe('u1');
    pending.add('u1', 1);
    pending.add('u9', 9);
    pending.add('u2', 2);
    expect(takeAll(pending)).toEqual(['u1', 'u2', 'u2', 'u3', 'u9']);
  });
});
