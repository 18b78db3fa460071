import { describe, expect, it } from 'vitest';
import { orderAtEnd, orderBetween, orderForDrop, orderForStep, type Ordered } from './taskOrder';

const column: Ordered[] = [
  { id: 'a', order: 10 },
  { id: 'b', order: 20 },
  { id: 'c', order: 30 },
];

function sortedAfter(id: string, order: number): string[] {
  return column
    .map((t) => (t.id === id ? { ...t, order } : t))
    .sort((x, y) => x.order - y.order)
    .map((t) => t.id);
}

describe('board order', () => {
  it('places a task between its new neighbours', () => {
    expect(orderBetween(10, 20)).toBe(15);
    expect(orderBetween(undefined, 10)).toBe(9);
    expect(orderBetween(30, undefined)).toBe(31);
    expect(orderAtEnd(column)).toBe(31);
  });

  it('moves one place up or down, and not past the ends', () => {
    expect(sortedAfter('c', orderForStep(column, 2, -1)!)).toEqual(['a', 'c', 'b']);
    expect(sortedAfter('a', orderForStep(column, 0, 1)!)).toEqual(['b', 'a', 'c']);
    expect(sortedAfter('b', orderForStep(column, 1, -1)!)).toEqual(['b', 'a', 'c']);
    expect(orderForStep(column, 0, -1)).toBeNull();
    expect(orderForStep(column, 2, 1)).toBeNull();
  });

  it('drops before a card or at the end', () => {
    expect(sortedAfter('c', orderForDrop(column, 'c', 'a'))).toEqual(['c', 'a', 'b']);
    expect(sortedAfter('a', orderForDrop(column, 'a', null))).toEqual(['b', 'c', 'a']);
    expect(sortedAfter('a', orderForDrop(column, 'a', 'c'))).toEqual(['b', 'a', 'c']);
  });
});
