import { describe, expect, it } from 'vitest';
import { turnBoost } from './turnBoost';

describe('turnBoost', () => {
  const words = new Set(['ana', 'tomas', 'lisbon']);

  it('favours the turns of the person the query names', () => {
    expect(turnBoost('Ana: I moved to Lisbon with my sister last spring.', words)).toBeCloseTo(0.1);
    expect(turnBoost('Ana Sofia Costa: I moved to Lisbon with my sister last spring.', words)).toBeCloseTo(0.1);
    expect(turnBoost('  Tomás : I moved to Lisbon with my sister last spring.', words)).toBeCloseTo(0.1);
    expect(turnBoost('Bo: I moved to Lisbon with my sister last spring.', words)).toBe(0);
    // Named in the turn, not speaking it.
    expect(turnBoost('Bo: Ana moved to Lisbon with her sister last spring.', words)).toBe(0);
  });

  it('lowers a turn that says little', () => {
    expect(turnBoost('Bo: Ha, me too!', words)).toBeCloseTo(-0.1);
    expect(turnBoost('Ana: That is so great!', words)).toBeCloseTo(0);
    expect(turnBoost('Bo: Été café crème délicieux', words)).toBe(0);
    expect(turnBoost('Bo: Oui, été!', words)).toBeCloseTo(-0.1);
  });

  it('leaves a memory that is not a turn alone', () => {
    expect(turnBoost('The client prefers invoices in euros', words)).toBe(0);
    expect(turnBoost('note: buy milk and eggs for the weekend', words)).toBe(0);
  });
});
