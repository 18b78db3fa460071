import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../common/AppError';
import { createFileLog } from './createFileLog';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-log-'));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createFileLog', () => {
  it('keeps every entry in logs/main.log, errors with their code and stack', () => {
    const logDir = path.join(dir, 'logs');
    const log = createFileLog(logDir);
    log('info', 'started');
    log('error', 'cannot open', new ValidationError('bad name'));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    log('warn', 'odd value', circular);

    const lines = fs.readFileSync(path.join(logDir, 'main.log'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT.* INFO started$/);
    expect(lines[1]).toContain('ERROR cannot open [VALIDATION] ValidationError: bad name');
    expect(lines.some((l) => l.includes('WARN odd value [object Object]'))).toBe(true);
    expect(console.error).toHaveBeenCalledTimes(1);
  });

  it('starts a new file when the old one has grown past 5 MB', () => {
    fs.writeFileSync(path.join(dir, 'main.log'), 'x'.repeat(5 * 1024 * 1024 + 1));
    createFileLog(dir)('info', 'fresh');
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toMatch(/INFO fresh\n$/);
    expect(fs.statSync(path.join(dir, 'main.1.log')).size).toBe(5 * 1024 * 1024 + 1);
  });
});
