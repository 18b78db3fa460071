/**
 * Scores recall on labelled questions (docs/memory.md, "Measuring recall"):
 * for each kind of question and over all of them,
 *
 * - hit@5, hit@10: the share of questions with at least one answering turn
 *   among the first 5 (10) recalled;
 * - all@10: the share with every answering turn among the first 10.
 */

/** What recall returned for one labelled question. */
export interface RecallOutcome {
  kind: string;
  /** Sources of the turns that answer it. */
  answers: readonly string[];
  /** Sources of the recalled items, best first (null for an item without one). */
  recalled: readonly (string | null)[];
}

/** Figures of a set of questions (shares from 0 to 1). */
export interface RecallScores {
  kind: string;
  questions: number;
  hitAt5: number;
  hitAt10: number;
  allAt10: number;
}

/** Kinds listed first, in this order; others follow alphabetically. */
const KIND_ORDER = ['single-hop', 'multi-hop', 'temporal', 'open-domain'];

/** Whether any of `answers` is among the first `k` of `recalled`. */
function hit(outcome: RecallOutcome, k: number): boolean {
  const top = new Set(outcome.recalled.slice(0, k));
  return outcome.answers.some((a) => top.has(a));
}

/** Whether all of `answers` are among the first `k` of `recalled`. */
function all(outcome: RecallOutcome, k: number): boolean {
  const top = new Set(outcome.recalled.slice(0, k));
  return outcome.answers.every((a) => top.has(a));
}

function score(kind: string, outcomes: readonly RecallOutcome[]): RecallScores {
  const n = outcomes.length;
  const share = (test: (o: RecallOutcome) => boolean): number => (n === 0 ? 0 : outcomes.filter(test).length / n);
  return { kind, questions: n, hitAt5: share((o) => hit(o, 5)), hitAt10: share((o) => hit(o, 10)), allAt10: share((o) => all(o, 10)) };
}

/** Figures per kind of question (known kinds first), then over all questions (kind `all`). */
export function evaluateRecall(outcomes: readonly RecallOutcome[]): RecallScores[] {
  const kinds = [...new Set(outcomes.map((o) => o.kind))].sort((a, b) => {
    const ia = KIND_ORDER.indexOf(a);
    const ib = KIND_ORDER.indexOf(b);
    if (ia !== ib) return (ia === -1 ? KIND_ORDER.length : ia) - (ib === -1 ? KIND_ORDER.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return [...kinds.map((kind) => score(kind, outcomes.filter((o) => o.kind === kind))), score('all', outcomes)];
}
