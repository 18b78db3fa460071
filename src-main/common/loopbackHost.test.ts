import { describe, expect, it } from 'vitest';
import { isLoopbackHost, plainHttpProblem } from './loopbackHost';

describe('isLoopbackHost', () => {
  it('accepts this computer only', () => {
    for (const host of ['localhost', 'LOCALHOST', 'relay.localhost', '127.0.0.1', '127.8.9.10', '[::1]', 'localhost.']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['example.com', 'localhost.example.com', '127.0.0.1.example.com', '10.0.0.1', '192.168.1.2', '[::2]', '128.0.0.1', '127.0.0.256', '0.0.0.0']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('names the host and the fix for a plain address elsewhere', () => {
    expect(plainHttpProblem('http://127.0.0.1:4455', 'The relay address')).toBeNull();
    expect(plainHttpProblem('https://relay.example.com', 'The relay address')).toBeNull();
    expect(plainHttpProblem('ws://relay.example.com:80', 'The relay address')).toBe(
      'The relay address relay.example.com must use https:// (plain ws:// is only for this computer: localhost, 127.0.0.1, ::1)',
    );
    expect(plainHttpProblem('http://192.168.1.5:11434/v1', 'The model server address')).toContain('192.168.1.5:11434 must use https://');
  });
});
