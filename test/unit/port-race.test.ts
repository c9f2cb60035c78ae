import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { PORT_RACE_ATTEMPTS, retryWhenPortTaken } from '../../electron/services/node/port-race';

const taken = new AppError(
  'NODE_ERROR',
  'ipfs daemon exited (1) before it was ready. Kubo said:\nError: serveHTTPApi: manet.Listen(/ip4/127.0.0.1/tcp/36341) failed: listen tcp4 127.0.0.1:36341: bind: address already in use',
);

describe('a daemon start that loses its port to another program', () => {
  it('is tried again, and succeeds once the port is moved', async () => {
    let calls = 0;
    const started = await retryWhenPortTaken(() => {
      calls++;
      return calls === 1 ? Promise.reject(taken) : Promise.resolve('running');
    });
    expect(started).toBe('running');
    expect(calls).toBe(2);
  });

  it('gives up after a bounded number of tries, with the last failure', async () => {
    let calls = 0;
    const start = retryWhenPortTaken(() => {
      calls++;
      return Promise.reject(taken);
    });
    await expect(start).rejects.toBe(taken);
    expect(calls).toBe(PORT_RACE_ATTEMPTS);
  });

  it('does not retry any other failure', async () => {
    let calls = 0;
    const locked = new AppError('REPO_LOCKED', 'someone else holds the repo lock');
    await expect(
      retryWhenPortTaken(() => {
        calls++;
        return Promise.reject(locked);
      }),
    ).rejects.toBe(locked);
    expect(calls).toBe(1);
  });
});
