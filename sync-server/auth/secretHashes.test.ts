import { describe, expect, it } from 'vitest';
import { newId, newSecretToken } from './secretHashes';

describe('random tokens and ids', () => {
  it('are base64url of their length and never start with a dash (it would read as a command-line option)', () => {
    // 64 × 400 draws: a leading dash would show up about 400 times if it were allowed.
    for (let i = 0; i < 25_600; i++) {
      const token = newSecretToken();
      const id = newId();
      expect(token).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{42}$/);
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
