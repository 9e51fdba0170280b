import { describe, expect, it } from 'vitest';
import { compareOrder, nextSortOrder, type Orderable, placeAfter } from '../../../extension/vault/order';

const e = (id: string, sortOrder: number, pinned = false): Orderable => ({
  id,
  sortOrder,
  pinned,
  issuer: id,
  account: '',
});

function apply(list: Orderable[], changes: Map<string, number>): string[] {
  return list
    .map((x) => ({ ...x, sortOrder: changes.get(x.id) ?? x.sortOrder }))
    .sort(compareOrder)
    .map((x) => x.id);
}

describe('display order', () => {
  it('puts pinned entries first, then the manual order, then names', () => {
    const list = [e('c', 1), e('a', 2), e('p', 9, true), e('b', 1)];
    expect([...list].sort(compareOrder).map((x) => x.id)).toEqual(['p', 'b', 'c', 'a']);
  });

  it('adds new entries at the end', () => {
    expect(nextSortOrder([e('a', 1), e('b', 7)])).toBe(8);
    expect(nextSortOrder([])).toBe(1);
  });

  it('moves one entry by changing only its own sortOrder', () => {
    const list = [e('a', 1), e('b', 2), e('c', 3), e('d', 4)];
    const toTop = placeAfter(list, 'c', null);
    expect(toTop.size).toBe(1);
    expect(apply(list, toTop)).toEqual(['c', 'a', 'b', 'd']);
    const toEnd = placeAfter(list, 'a', 'd');
    expect(toEnd.size).toBe(1);
    expect(apply(list, toEnd)).toEqual(['b', 'c', 'd', 'a']);
    expect(apply(list, placeAfter(list, 'd', 'a'))).toEqual(['a', 'd', 'b', 'c']);
  });

  it('renumbers when there is no room left between neighbours', () => {
    const list = [e('a', 0), e('b', 0), e('c', 0)];
    const changes = placeAfter(list, 'c', 'a');
    expect(apply(list, changes)).toEqual(['a', 'c', 'b']);
  });

  it('keeps working after many moves into the same gap', () => {
    let list = [e('a', 1), e('b', 2), e('x', 3)];
    for (let i = 0; i < 80; i++) {
      const changes = placeAfter(list, list[list.length - 1]?.id as string, 'a');
      list = list.map((x) => ({ ...x, sortOrder: changes.get(x.id) ?? x.sortOrder }));
      list.sort(compareOrder);
      expect(list[0]?.id).toBe('a');
    }
  });

  it('ignores unknown ids and moves onto itself', () => {
    const list = [e('a', 1), e('b', 2)];
    expect(placeAfter(list, 'zz', null).size).toBe(0);
    expect(placeAfter(list, 'a', 'zz').size).toBe(0);
    expect(placeAfter(list, 'a', 'a').size).toBe(0);
  });
});
