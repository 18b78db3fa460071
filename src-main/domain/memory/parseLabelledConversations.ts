/**
 * Reads a file of labelled conversations, to measure recall on one's own
 * data (`qwanyx memory eval`, docs/memory.md). JSON Lines, one record a
 * line, of two shapes:
 *
 * - a turn: `{"conversation": "c1", "source": "D1:3", "text": "Ana: …", "at": "2024-03-02T18:00:00Z"}`
 *   (`at` optional: ISO-8601, ms since 1970, or a written date such as "8 May 2023");
 * - a question: `{"conversation": "c1", "kind": "multi-hop", "query": "…", "answers": ["D1:3", "D4:2"]}`
 *   (`answers`: the `source` of every turn that answers it).
 *
 * Every line is checked first; a bad one is reported by its number.
 */
import { z } from 'zod';
import { ValidationError } from '../../common/AppError';
import { memorySourceSchema, memoryTextSchema } from '../../common/contract/memorySchemas';
import { memoryTimeSchema } from './memoryTimeSchema';

/** One turn of a conversation, imported as one memory. */
export interface LabelledTurn {
  source: string;
  text: string;
  at: number | null;
}

/** A question about a conversation and the turns that answer it. */
export interface LabelledQuestion {
  query: string;
  kind: string;
  answers: string[];
}

/** A conversation: its turns in order, and questions about it. */
export interface LabelledConversation {
  id: string;
  turns: LabelledTurn[];
  questions: LabelledQuestion[];
}

const conversationIdSchema = z.string().min(1).max(200);

const turnSchema = z
  .object({ conversation: conversationIdSchema, source: memorySourceSchema.pipe(z.string().min(1)), text: memoryTextSchema, at: memoryTimeSchema.nullable().optional() })
  .strict();

const questionSchema = z
  .object({
    conversation: conversationIdSchema,
    kind: z.string().trim().min(1).max(40).default('single-hop'),
    query: z.string().max(2000).refine((s) => s.trim().length > 0, 'A query cannot be empty'),
    answers: z.array(z.string().min(1).max(200)).min(1, 'A question needs at least one answering turn').max(100),
  })
  .strict();

/** Conversations of `text` (JSON Lines as described above), in the order they first appear. */
export function parseLabelledConversations(text: string): LabelledConversation[] {
  const conversations = new Map<string, LabelledConversation & { sources: Set<string> }>();
  const pending: { line: number; conversation: string; question: LabelledQuestion }[] = [];
  const get = (id: string): LabelledConversation & { sources: Set<string> } => {
    let c = conversations.get(id);
    if (!c) conversations.set(id, (c = { id, turns: [], questions: [], sources: new Set() }));
    return c;
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw.length === 0) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ValidationError(`line ${i + 1}: not valid JSON`);
    }
    const isQuestion = typeof json === 'object' && json !== null && 'query' in json;
    const parsed = isQuestion ? questionSchema.safeParse(json) : turnSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new ValidationError(`line ${i + 1}: ${where}${issue?.message ?? 'invalid'}`);
    }
    if ('query' in parsed.data) {
      const { conversation, kind, query, answers } = parsed.data;
      pending.push({ line: i + 1, conversation, question: { kind, query, answers: [...new Set(answers)] } });
      continue;
    }
    const { conversation, source, text: turnText, at } = parsed.data;
    const c = get(conversation);
    if (c.sources.has(source)) throw new ValidationError(`line ${i + 1}: turn "${source}" appears twice in conversation "${conversation}"`);
    c.sources.add(source);
    c.turns.push({ source, text: turnText, at: at ?? null });
  }
  for (const { line, conversation, question } of pending) {
    const c = conversations.get(conversation);
    if (!c) throw new ValidationError(`line ${line}: conversation "${conversation}" has no turns`);
    const unknown = question.answers.find((a) => !c.sources.has(a));
    if (unknown !== undefined) throw new ValidationError(`line ${line}: answer "${unknown}" is not a turn of conversation "${conversation}"`);
    c.questions.push(question);
  }
  return [...conversations.values()].map(({ id, turns, questions }) => ({ id, turns, questions }));
}
