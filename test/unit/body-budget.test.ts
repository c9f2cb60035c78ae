import { describe, expect, it } from 'vitest';
import { createBodyBudget } from '../../electron/bridge/body-budget';

describe('the bridge body budget', () => {
  it('admits what fits, lets a small request pass a large one that waits, and refuses a full line', async () => {
    const budget = createBodyBudget(100, 1);
    const never = new AbortController().signal;
    const first = await (budget.reserve(80, never) as Promise<() => void>);
    const order: string[] = [];
    const large = budget.reserve(50, never);
    expect(large).toBeInstanceOf(Promise);
    void (large as Promise<() => void>).then(() => order.push('large'));
    const small = await (budget.reserve(20, never) as Promise<() => void>);
    expect(budget.reserve(50, never)).toBe('busy');
    small();
    first();
    first(); // a second release frees nothing more
    await large;
    expect(order).toEqual(['large']);
    // 50 are still held: 51 more wait (the line holds one), and the next is refused.
    void budget.reserve(51, never);
    expect(budget.reserve(51, never)).toBe('busy');
  });

  it('takes a caller that goes away out of the line', async () => {
    const budget = createBodyBudget(10, 1);
    const release = await (budget.reserve(10, new AbortController().signal) as Promise<() => void>);
    const gone = new AbortController();
    const waiting = budget.reserve(5, gone.signal) as Promise<() => void>;
    gone.abort();
    await expect(waiting).rejects.toThrow('abandoned');
    expect(budget.reserve(5, new AbortController().signal)).toBeInstanceOf(Promise);
    release();
  });
});
