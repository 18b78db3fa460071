import { describe, expect, it } from 'vitest';
import { normalizeRelayUrl, relayWebSocketUrl } from './relayUrl';

describe('relay addresses', () => {
  it.each([
    ['https://relay.example.com', 'https://relay.example.com'],
    ['https://Relay.Example.com/', 'https://relay.example.com'],
    ['  relay.example.com  ', 'https://relay.example.com'],
    ['wss://relay.example.com:8443/', 'https://relay.example.com:8443'],
    ['ws://127.0.0.1:4455', 'http://127.0.0.1:4455'],
    ['http://localhost:4455/qwanyx//', 'http://localhost:4455/qwanyx'],
    ['https://relay.example.com:443', 'https://relay.example.com'],
  ])('%j is stored as %j', (raw, expected) => {
    expect(normalizeRelayUrl(raw)).toBe(expected);
  });

  it.each(['', 'ftp://relay.example.com', 'https://user:pass@relay.example.com', 'https://relay.example.com/?x=1', 'https://relay.example.com/#a', 'http://', 'x'.repeat(3000)])(
    'refuses %j',
    (raw) => {
      expect(normalizeRelayUrl(raw)).toBeNull();
    },
  );

  it('derives the WebSocket address', () => {
    expect(relayWebSocketUrl('https://relay.example.com/q', '/v1/ws/abc/meta')).toBe('wss://relay.example.com/q/v1/ws/abc/meta');
    expect(relayWebSocketUrl('http://127.0.0.1:4455', '/v1/ws/abc/meta')).toBe('ws://127.0.0.1:4455/v1/ws/abc/meta');
  });
});
