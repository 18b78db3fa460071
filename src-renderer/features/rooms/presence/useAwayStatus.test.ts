import { describe, expect, it } from 'vitest';
import { idleDelayMs } from './useAwayStatus';

describe('idleDelayMs', () => {
  it('defaults to five minutes and accepts a sane override only', () => {
    expect(idleDelayMs('')).toBe(300_000);
    expect(idleDelayMs('?idleMs=4000')).toBe(4_000);
    for (const bad of ['?idleMs=10', '?idleMs=abc', '?idleMs=1e9', '?idleMs=1500.5']) expect(idleDelayMs(bad)).toBe(300_000);
  });
});
