import { describe, expect, it } from 'vitest';
import { createLogger } from './createLogger';

function capture(threshold: Parameters<typeof createLogger>[0]): { lines: Record<string, unknown>[]; log: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger(threshold, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

describe('createLogger', () => {
  it('writes one JSON line per entry: time, level, event, then the fields, errors included', () => {
    const raw: string[] = [];
    const log = createLogger('info', (line) => raw.push(line));
    const err = new Error('disk full');
    log('error', 'store.append_failed', { updates: 3, err });
    expect(raw).toHaveLength(1);
    expect(raw[0]!.endsWith('}\n')).toBe(true);
    const line = JSON.parse(raw[0]!) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['time', 'level', 'event', 'updates', 'err']);
    expect(line).toMatchObject({ level: 'error', event: 'store.append_failed', updates: 3, err: { name: 'Error', message: 'disk full', stack: err.stack } });
    expect(Number.isNaN(Date.parse(line.time as string))).toBe(false);
  });

  it('drops entries below its threshold and writes nothing when silent', () => {
    const info = capture('info');
    info.log('debug', 'ws.frame_refused', { close: 4400 });
    info.log('info', 'relay.stopped', {});
    info.log('warn', 'ws.too_many_pending');
    expect(info.lines.map((l) => [l.level, l.event])).toEqual([
      ['info', 'relay.stopped'],
      ['warn', 'ws.too_many_pending'],
    ]);
    const silent = capture('silent');
    silent.log('error', 'doc.failed', {});
    expect(silent.lines).toEqual([]);
  });

  it('keeps an extra that is not an object of fields under `extra`', () => {
    const { lines, log } = capture('debug');
    log('warn', 'mail.failed', new Error('refused'));
    log('info', 'note', 'plain text');
    expect(lines[0]).toMatchObject({ event: 'mail.failed', extra: { name: 'Error', message: 'refused' } });
    expect(lines[1]).toMatchObject({ event: 'note', extra: 'plain text' });
  });
});
