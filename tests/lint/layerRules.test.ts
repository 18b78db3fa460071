/**
 * The lint rules that keep the layers apart really fire: each case lints a
 * bad file (text placed at a path of the repository, most of them virtual)
 * with the repository's own eslint.config.js and expects the rule's error,
 * next to a good file that must stay clean. Switching a rule off, or
 * breaking the import resolver it depends on, fails a case here.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  // One instance: loading the config and the TypeScript resolver is the slow part.
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.js') });
});

/** The rule ids of the errors `code` gets at `file` (relative to the repository). */
async function errorsOf(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

function lines(count: number): string {
  return Array.from({ length: count }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
}

describe('layer zones (import-x/no-restricted-paths)', () => {
  it('refuses an import from a higher layer, a type import included', async () => {
    expect(await errorsOf("import { WorkspaceService } from '../domain/WorkspaceService';\nexport const x = WorkspaceService;\n", 'src-main/storage/x.ts')).toContain(
      'import-x/no-restricted-paths',
    );
    expect(await errorsOf("import type { Embedder } from '../domain/memory/Embedder';\nexport type X = Embedder;\n", 'src-main/llm/x.ts')).toContain(
      'import-x/no-restricted-paths',
    );
    expect(await errorsOf("import type { KnowledgePort } from '../agents/runtime/AgentPorts';\nexport type X = KnowledgePort;\n", 'src-main/domain/x.ts')).toEqual([
      'import-x/no-restricted-paths',
    ]);
  });

  it('accepts an import from a lower layer', async () => {
    expect(await errorsOf("import { ValidationError } from '../common/AppError';\nexport const x = ValidationError;\n", 'src-main/storage/x.ts')).toEqual([]);
    expect(await errorsOf("import type { LlmClient } from '../llm/LlmClient';\nexport type X = LlmClient;\n", 'src-main/domain/x.ts')).toEqual([]);
  });

  it('keeps the two kinds of shell apart', async () => {
    expect(await errorsOf("import { APP_ORIGIN } from '../../electron/appOrigin';\nexport const x = APP_ORIGIN;\n", 'src-main/hosts/web/x.ts')).toContain(
      'import-x/no-restricted-paths',
    );
  });
});

describe('renderer boundary', () => {
  it('refuses a value import of src-main, even of common/', async () => {
    expect(await errorsOf("import { ValidationError } from '../src-main/common/AppError';\nexport const x = ValidationError;\n", 'src-renderer/x.ts')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });

  it('refuses a type import from outside common/', async () => {
    expect(await errorsOf("import type { WorkspaceService } from '../src-main/domain/WorkspaceService';\nexport type X = WorkspaceService;\n", 'src-renderer/x.ts')).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('accepts a type import from common/', async () => {
    expect(await errorsOf("import type { Result } from '../src-main/common/Result';\nexport type X = Result<number>;\n", 'src-renderer/x.ts')).toEqual([]);
  });
});

describe('import-x/no-cycle', () => {
  it('finds a cycle through a real file on disk', async () => {
    const code = "import { cycleB } from './cycleB';\n\nexport const cycleA = cycleB.length;\n";
    expect(await errorsOf(code, 'tests/lint/fixtures/cycleA.ts')).toEqual(['import-x/no-cycle']);
  });

  it('lets a type-only import close the loop (erased at build time)', async () => {
    const code = "import type { cycleB } from './cycleB';\n\nexport const cycleA: typeof cycleB = 'b';\n";
    expect(await errorsOf(code, 'tests/lint/fixtures/cycleA.ts')).toEqual([]);
  });
});

describe('max-lines', () => {
  it('refuses a source file of 401 lines and accepts one of 400', async () => {
    expect(await errorsOf(lines(401), 'src-main/common/x.ts')).toEqual(['max-lines']);
    expect(await errorsOf(lines(400), 'src-main/common/x.ts')).toEqual([]);
  });

  it('leaves tests alone', async () => {
    expect(await errorsOf(lines(401), 'src-main/common/x.test.ts')).toEqual([]);
  });
});
