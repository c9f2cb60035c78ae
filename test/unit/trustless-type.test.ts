import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { untrustlessType } from '../../electron/services/gateway-request';

const answer = (type: string | undefined): Pick<IncomingMessage, 'headers'> => ({ headers: { 'content-type': type } });
const RAW = 'application/vnd.ipld.raw';

describe('the content type of a trustless answer', () => {
  it.each([
    'application/vnd.ipld.raw',
    'Application/VND.IPLD.Raw',
    'application/vnd.ipld.raw; charset=binary',
    ' application/vnd.ipld.raw ;x=1',
  ])('takes %j as the raw type asked for', (type) => expect(untrustlessType(answer(type), RAW)).toBeNull());

  it.each([
    'application/vnd.ipld.rawfoo',
    'application/vnd.ipld.raw-block',
    'application/vnd.ipld.car',
    'text/html',
    '',
  ])('refuses %j, naming what was sent', (type) => expect(untrustlessType(answer(type), RAW)).toBe(type));

  it('refuses an answer with no content type', () => {
    expect(untrustlessType(answer(undefined), RAW)).toBe('');
  });
});
