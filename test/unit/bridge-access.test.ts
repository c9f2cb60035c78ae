import { describe, expect, it } from 'vitest';
import { checkBridgeRequest } from '../../electron/bridge/access';

const access = { token: 'secret-token', origin: 'http://127.0.0.1:4321' };
const good = { host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', authorization: 'Bearer secret-token' };

describe('checkBridgeRequest', () => {
  it('lets the bridge page with the token through', () => {
    expect(checkBridgeRequest(good, access)).toBeNull();
  });

  it.each([
    [{ ...good, authorization: 'Bearer secret-tokeN' }, 401],
    [{ ...good, authorization: 'secret-token' }, 401],
    [{ ...good, authorization: undefined }, 401],
    [{ ...good, origin: 'http://localhost:4321' }, 403],
    [{ ...good, origin: 'null' }, 403],
    [{ ...good, origin: undefined }, 403],
    [{ ...good, host: 'evil.example:4321' }, 403],
  ])('refuses %o with %i', (head, status) => {
    expect(checkBridgeRequest(head, access)?.status).toBe(status);
  });
});
