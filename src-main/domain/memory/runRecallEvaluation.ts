/**
 * Measures recall on labelled conversations: each conversation is imported
 * into a digital human of its own, one memory per turn (text, `at`, its turn
 * id as `source`), as `qwanyx memory import` does; its questions are then
 * recalled with k = 10, and the answering turns looked for among the
 * results (evaluateRecall.ts).
 */
import type { MemoryInput, RecallItem } from '../../common/contract/memorySchemas';
import { evaluateRecall, type RecallOutcome, type RecallScores } from './evaluateRecall';
import type { LabelledConversation } from './parseLabelledConversations';

/** How the evaluation reaches memory: the core's channels, or MemoryService directly. */
export interface RecallEvaluationPort {
  importMany(dhId: string, items: MemoryInput[]): Promise<void>;
  recallBatch(dhId: string, queries: { id: string; query: string }[], k: number): Promise<{ id: string; items: RecallItem[] }[]>;
}

/** One question's outcome, for a report of what was missed. */
export interface EvaluatedQuestion extends RecallOutcome {
  conversation: string;
  query: string;
}

export interface RecallEvaluation {
  scores: RecallScores[];
  questions: EvaluatedQuestion[];
}

/** Results read per question (hit@10 and all@10 need 10). */
const K = 10;
/** Memories per import call and queries per recall call. */
const IMPORT_CALL = 20_000;
const RECALL_CALL = 200;

/** The digital human that holds conversation number `index` (0-based). */
export function evaluationDhId(index: number): string {
  return `eval-${index + 1}`;
}

/** Imports `conversations`, recalls their questions and scores the results. */
export async function runRecallEvaluation(port: RecallEvaluationPort, conversations: readonly LabelledConversation[]): Promise<RecallEvaluation> {
  const questions: EvaluatedQuestion[] = [];
  for (const [index, conversation] of conversations.entries()) {
    const dhId = evaluationDhId(index);
    const items = conversation.turns.map((t) => ({ text: t.text, source: t.source, at: t.at }));
    for (let i = 0; i < items.length; i += IMPORT_CALL) await port.importMany(dhId, items.slice(i, i + IMPORT_CALL));
    for (let i = 0; i < conversation.questions.length; i += RECALL_CALL) {
      const chunk = conversation.questions.slice(i, i + RECALL_CALL);
      const results = await port.recallBatch(
        dhId,
        chunk.map((q, j) => ({ id: String(i + j), query: q.query })),
        K,
      );
      results.forEach((r, j) => {
        const q = chunk[j]!;
        questions.push({ conversation: conversation.id, query: q.query, kind: q.kind, answers: q.answers, recalled: r.items.map((item) => item.source) });
      });
    }
  }
  return { scores: evaluateRecall(questions), questions };
}
