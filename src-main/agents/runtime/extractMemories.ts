/**
 * After a turn, the model proposes what to remember: for each thing worth
 * keeping from the exchange, ADD a memory, UPDATE one of the similar
 * memories it is shown (by id), DELETE one the exchange proves wrong, or
 * NOOP. The answer is JSON, parsed and validated here; ids it invents are
 * dropped. Only the exchange and this DH's own memories of this workspace
 * are sent.
 */
import { z } from 'zod';
import type { LlmClient } from '../../llm/LlmClient';
import type { MemoryOperation, RecalledItem } from './AgentPorts';

const kind = z.enum(['fact', 'preference', 'event', 'instruction']);
const operationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('ADD'), text: z.string().trim().min(1).max(2000), kind: kind.optional(), tags: z.array(z.string().max(40)).max(20).optional(), importance: z.number().min(0).max(1).optional() }),
  z.object({ op: z.literal('UPDATE'), id: z.string().min(1).max(64), text: z.string().trim().min(1).max(2000).optional(), kind: kind.optional(), tags: z.array(z.string().max(40)).max(20).optional(), importance: z.number().min(0).max(1).optional() }),
  z.object({ op: z.literal('DELETE'), id: z.string().min(1).max(64) }),
  z.object({ op: z.literal('NOOP') }),
]);
const answerSchema = z.object({ operations: z.array(z.unknown()).max(20) });

export interface ExtractionInput {
  client: LlmClient;
  model?: string | undefined;
  dhId: string;
  dhName: string;
  /** The exchange: who said what, oldest first. */
  exchange: readonly { author: string; text: string }[];
  similar: readonly RecalledItem[];
  signal?: AbortSignal;
}

/** The prompt of the extraction step (exported for tests). */
export function extractionPrompt(input: ExtractionInput): string {
  return [
    `You maintain the long-term memory of ${input.dhName}. From the exchange below, decide what is worth remembering for later conversations in this workspace: facts about people, the client and the work, preferences, decisions, dated events, standing instructions.`,
    'Compare with the existing memories. Answer only JSON: {"operations": [...]} where each operation is one of',
    '{"op":"ADD","text":"...","kind":"fact|preference|event|instruction","tags":["..."],"importance":0..1}',
    '{"op":"UPDATE","id":"<existing id>","text":"the corrected or merged memory"}',
    '{"op":"DELETE","id":"<existing id>"} (when the exchange shows it is wrong or no longer true)',
    '{"op":"NOOP"} (nothing worth keeping).',
    'Write each memory as one self-contained sentence. Never store secrets, passwords or keys.',
    '',
    'Existing memories:',
    ...(input.similar.length > 0 ? input.similar.map((m) => `- id ${m.id}: ${m.text}`) : ['(none)']),
    '',
    'Exchange:',
    ...input.exchange.map((m) => `${m.author}: ${m.text}`),
  ].join('\n');
}

/** Asks the model and returns the valid operations (unknown ids dropped). */
export async function extractMemories(input: ExtractionInput): Promise<MemoryOperation[]> {
  const completion = await input.client.complete({
    messages: [
      { role: 'system', content: 'You answer with JSON only.' },
      { role: 'user', content: extractionPrompt(input) },
    ],
    ...(input.model ? { model: input.model } : {}),
    temperature: 0,
    dhId: input.dhId,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return parseOperations(completion.text, new Set(input.similar.map((m) => m.id)));
}

/** Reads the model's answer; anything malformed is dropped, never applied. */
export function parseOperations(text: string, knownIds: ReadonlySet<string>): MemoryOperation[] {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return [];
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return [];
  }
  const answer = answerSchema.safeParse(json);
  if (!answer.success) return [];
  const out: MemoryOperation[] = [];
  for (const raw of answer.data.operations) {
    const op = operationSchema.safeParse(raw);
    if (!op.success || op.data.op === 'NOOP') continue;
    if ((op.data.op === 'UPDATE' || op.data.op === 'DELETE') && !knownIds.has(op.data.id)) continue;
    out.push(op.data as MemoryOperation);
  }
  return out;
}
