import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalPin } from '../../../shared/ipc/contract';
import { useAppStore } from '../../../renderer/app/store';

const pin = (cid: string, name = ''): LocalPin => ({ cid, type: 'recursive', name, pinnedAt: null });
const store = () => useAppStore.getState();

describe('the local pins listed again', () => {
  beforeEach(() => {
    store().startLocalListing('first');
    store().appendLocalPins('first', [pin('a', 'named a'), pin('b'), pin('c', '/files/c')]);
    store().finishLocalListing('first');
    store().finishPinNames('first');
  });

  it('keeps each row of the last listing until this one lists it again or ends', () => {
    store().startLocalListing('again');
    expect(store().localPins.map((one) => one.cid)).toEqual(['a', 'b', 'c']);
    expect(store().localListing).toMatchObject({
      state: 'listing',
      earlier: [{ cid: 'a' }, { cid: 'b' }, { cid: 'c' }],
    });
    store().appendLocalPins('again', [pin('b'), pin('d')]);
    expect(store().localPins.map((one) => one.cid)).toEqual(['b', 'd', 'a', 'c']);
    store().appendLocalPins('again', [pin('c')]);
    expect(store().localPins.map((one) => one.cid)).toEqual(['b', 'd', 'c', 'a']);
    expect(store().localListing.earlier?.map((one) => one.cid)).toEqual(['a']);
    store().finishLocalListing('again');
    expect(store().localPins.map((one) => one.cid)).toEqual(['b', 'd', 'c']);
    expect(store().localListing).toEqual({ opId: 'again', state: 'done', lent: { a: 'named a', c: '/files/c' } });
  });

  it('takes a row unpinned meanwhile away for good, and keeps every row listed so far', () => {
    store().startLocalListing('again');
    store().appendLocalPins('again', [pin('b'), pin('d')]);
    store().removeLocalPin('a');
    expect(store().localPins.map((one) => one.cid)).toEqual(['b', 'd', 'c']);
    store().appendLocalPins('again', [pin('c')]);
    expect(store().localPins.map((one) => one.cid)).toEqual(['b', 'd', 'c']);
    store().removeLocalPin('d');
    store().finishLocalListing('again');
    expect(store().localPins.map((one) => one.cid)).toEqual(['b', 'c']);
  });

  it('says the last listing is no longer shown once this one has listed all its rows', () => {
    store().startLocalListing('again');
    store().appendLocalPins('again', [pin('c'), pin('a'), pin('b')]);
    expect(store().localPins.map((one) => one.cid)).toEqual(['c', 'a', 'b']);
    expect(store().localListing.earlier).toBeUndefined();
    store().appendLocalPins('again', [pin('e')]);
    expect(store().localPins.map((one) => one.cid)).toEqual(['c', 'a', 'b', 'e']);
  });

  it('lends the last names until the node’s are in, then lends none', () => {
    store().startLocalListing('again');
    store().appendLocalPins('again', [pin('a'), pin('c')]);
    store().finishLocalListing('again');
    expect(store().localListing.lent).toEqual({ a: 'named a', c: '/files/c' });
    store().applyPinNames('again', [{ cid: 'a', name: 'renamed a' }]);
    store().finishPinNames('again');
    expect(store().localListing.lent).toBeUndefined();
    expect(store().localPins.map((one) => one.name)).toEqual(['renamed a', '']);
  });

  it('shows no pin once a listing with none is done: those unpinned meanwhile go', () => {
    store().startLocalListing('again');
    store().finishLocalListing('again');
    expect(store().localPins).toEqual([]);
    expect(store().localListing.state).toBe('done');
  });

  it('leaves only the rows the new listing gave once it failed', () => {
    store().startLocalListing('again');
    store().finishLocalListing('again', 'the node stopped');
    expect(store().localPins).toEqual([]);
    expect(store().localListing).toEqual({ opId: 'again', state: 'failed', error: 'the node stopped' });
    store().startLocalListing('after');
    store().appendLocalPins('after', [pin('a'), pin('b')]);
    store().finishLocalListing('after');
    store().startLocalListing('last');
    store().appendLocalPins('last', [pin('b')]);
    store().finishLocalListing('last', 'the node stopped');
    expect(store().localPins.map((one) => one.cid)).toEqual(['b']);
  });

  it('drops the batches of a listing a newer one replaced', () => {
    store().startLocalListing('again');
    store().startLocalListing('newer');
    store().appendLocalPins('again', [pin('x')]);
    store().finishLocalListing('again');
    expect(store().localPins.map((one) => one.cid)).toEqual(['a', 'b', 'c']);
    expect(store().localListing).toMatchObject({ opId: 'newer', state: 'listing' });
    expect(store().localListing.earlier?.map((one) => one.cid)).toEqual(['a', 'b', 'c']);
  });
});

describe('a listing replaced before its names were in', () => {
  it('passes on the names it was lent', () => {
    store().startLocalListing('one');
    store().appendLocalPins('one', [pin('a', 'named a')]);
    store().finishLocalListing('one');
    store().finishPinNames('one');
    store().startLocalListing('two');
    store().appendLocalPins('two', [pin('a')]);
    store().startLocalListing('three');
    expect(store().localListing.lent).toEqual({ a: 'named a' });
  });
});
