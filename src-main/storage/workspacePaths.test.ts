import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../common/AppError';
import { workspaceDbPath, workspaceDir } from './workspacePaths';

const hostile = [
  '../../etc',
  '..',
  '../x1234567',
  'abcdefgh/../../x',
  '/etc/passwd',
  'C:\\Windows\\x',
  'abcdefgh\u0000x',
  'a'.repeat(65),
  'a'.repeat(10_000),
  '',
  'short',
  'with space here',
  '.hidden1234',
  'ws:1234567',
];

describe('workspace paths', () => {
  it.each(hostile)('refuses the id %j with a clear error', (id) => {
    expect(() => workspaceDir('/data', id)).toThrow(ValidationError);
    expect(() => workspaceDir('/data', id)).toThrow(/Invalid workspace id/);
  });

  it('refuses ids that are not strings', () => {
    expect(() => workspaceDir('/data', 42)).toThrow(/Invalid workspace id number/);
  });

  it('puts a valid id directly under <dataDir>/workspaces', () => {
    expect(workspaceDbPath('/data', 'Abc_def-123')).toBe(path.resolve('/data/workspaces/Abc_def-123/workspace.db'));
  });
});
