import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './splitCommandLine';

describe('splitCommandLine', () => {
  it('splits words as a shell does, quotes and escapes included', () => {
    expect(splitCommandLine('  npx -y @modelcontextprotocol/server-memory  ')).toEqual(['npx', '-y', '@modelcontextprotocol/server-memory']);
    expect(splitCommandLine(`node "my server.js" --root '/a b/$HOME' x\\ y ""`)).toEqual(['node', 'my server.js', '--root', '/a b/$HOME', 'x y', '']);
    expect(splitCommandLine(`say "she said \\"hi\\" \\n"`)).toEqual(['say', 'she said "hi" \\n']);
  });

  it('refuses an unclosed quote or a trailing backslash', () => {
    expect(() => splitCommandLine(`node 'oops`)).toThrow(/unclosed single quote/);
    expect(() => splitCommandLine('node "oops')).toThrow(/unclosed double quote/);
    expect(() => splitCommandLine('node oops\\')).toThrow(/lone backslash/);
  });
});
