import { describe, expect, it } from 'vitest';
import { joinUpdateRow, splitUpdateRow } from './updateRowFormat';

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

describe('updateRowFormat', () => {
  it('splits a joined row into its updates, in order, whatever their lengths (one- to three-byte lengths)', () => {
    const parts = [bytes(1, 1), bytes(0, 0), bytes(127, 2), bytes(128, 3), bytes(20_000, 4), bytes(3, 5)];
    const row = joinUpdateRow(parts);
    expect(row.length).toBe(parts.reduce((sum, p) => sum + p.length, 0) + 1 + 1 + 1 + 2 + 3 + 1);
    expect(splitUpdateRow(row, parts.length).map((p) => [...p])).toEqual(parts.map((p) => [...p]));
  });

  it('reads a one-part row as the update it is (every row written before the format)', () => {
    const update = Uint8Array.of(1, 2, 3);
    expect(splitUpdateRow(update, 1)).toEqual([update]);
  });

  it('refuses a damaged row rather than serve part of it', () => {
    const row = joinUpdateRow([bytes(10, 1), bytes(10, 2)]);
    expect(() => splitUpdateRow(row, 3)).toThrow(/damaged \(2 updates where it says 3\)/);
    expect(() => splitUpdateRow(row.subarray(0, row.length - 1), 2)).toThrow(/runs past its end/);
    expect(() => splitUpdateRow(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 2)).toThrow(/length runs past/);
    expect(() => splitUpdateRow(new Uint8Array(0), 2)).toThrow(/damaged/);
  });
});
