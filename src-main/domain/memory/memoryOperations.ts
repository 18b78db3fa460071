/**
 * Memory operations an agent proposes after a conversation (add a memory,
 * correct one, delete one, or nothing), checked before anything is written:
 * what a model writes is untrusted input like any other.
 */
import { z } from 'zod';
import { ValidationError } from '../../common/AppError';
import {
  memoryIdSchema,
  memoryImportanceSchema,
  memoryInputSchema,
  memoryKindSchema,
  memoryTagsSchema,
  memoryTextSchema,
  type Memory,
  type MemoryInput,
  type MemoryKind,
} from '../../common/contract/memorySchemas';

/** One proposed change to a digital human's memories. */
export type MemoryOperation =
  | { op: 'ADD'; memory: MemoryInput }
  | { op: 'UPDATE'; id: string; text?: string; kind?: MemoryKind; tags?: string[]; importance?: number }
  | { op: 'DELETE'; id: string }
  | { op: 'NOOP' };

/** What became of one operation: applied, or skipped with the reason (an id that does not exist). */
export interface MemoryOperationOutcome {
  op: MemoryOperation['op'];
  /** The memory concerned (the new one for ADD), or null for NOOP. */
  id: string | null;
  status: 'applied' | 'skipped';
  reason: string | null;
  /** The memory as it now is (ADD, UPDATE). */
  memory: Memory | null;
}

const operationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('ADD'), memory: memoryInputSchema.strict() }).strict(),
  z
    .object({
      op: z.literal('UPDATE'),
      id: memoryIdSchema,
      text: memoryTextSchema.optional(),
      kind: memoryKindSchema.optional(),
      tags: memoryTagsSchema.optional(),
      importance: memoryImportanceSchema.optional(),
    })
    .strict(),
  z.object({ op: z.literal('DELETE'), id: memoryIdSchema }).strict(),
  z.object({ op: z.literal('NOOP') }).strict(),
]);

/** A checked operation. */
export type CheckedOperation = z.output<typeof operationSchema>;

/** Most operations applied at once. */
export const MAX_OPERATIONS = 200;

/** Checks every operation; a ValidationError names the first bad one, and nothing is applied. */
export function checkOperations(ops: readonly unknown[]): CheckedOperation[] {
  if (!Array.isArray(ops)) throw new ValidationError('Operations must be a list');
  if (ops.length > MAX_OPERATIONS) throw new ValidationError(`At most ${MAX_OPERATIONS} operations at once`);
  return ops.map((op, index) => {
    const parsed = operationSchema.safeParse(op);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new ValidationError(`Operation ${index + 1}: ${where}${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  });
}
