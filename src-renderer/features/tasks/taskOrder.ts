/**
 * Board positions. A task's `order` is a number; columns sort ascending.
 * Moving a task gives it a number between its new neighbours, so one move
 * writes one field of one task (and two people moving different tasks at
 * once never undo each other).
 */

/** A task as the board needs it. */
export interface Ordered {
  id: string;
  order: number;
}

/** A number between `before` and `after` (either may be missing: the ends of a column). */
export function orderBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return Date.now();
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return before + (after - before) / 2;
}

/** The order that puts `task` at the end of `column` (which it is not in). */
export function orderAtEnd(column: readonly Ordered[]): number {
  return orderBetween(column.at(-1)?.order, undefined);
}

/**
 * The order that moves `column[index]` by `step` places (−1 up, +1 down)
 * within its column, or null when it is already at that end.
 */
export function orderForStep(column: readonly Ordered[], index: number, step: -1 | 1): number | null {
  const target = index + step;
  if (index < 0 || index >= column.length || target < 0 || target >= column.length) return null;
  const others = column.filter((_, i) => i !== index);
  // In the list without the moved task, it goes before others[target] (or last).
  return orderBetween(others[target - 1]?.order, others[target]?.order);
}

/** The order for dropping a task before `beforeId` in `column` (at the end when null). */
export function orderForDrop(column: readonly Ordered[], movedId: string, beforeId: string | null): number {
  const others = column.filter((t) => t.id !== movedId);
  const at = beforeId === null ? others.length : others.findIndex((t) => t.id === beforeId);
  const index = at < 0 ? others.length : at;
  return orderBetween(others[index - 1]?.order, others[index]?.order);
}
