/**
 * Token usage as the settings table shows it: one line per day and digital
 * human (models together), newest day first, plus a total. Pure, tested
 * under Node.
 */
import type { TokenUsageRow } from '../../../src-main/common/contract';

export interface UsageLine {
  day: string;
  dhId: string | null;
  models: string[];
  promptTokens: number;
  completionTokens: number;
  requests: number;
}

export interface UsageTotals {
  promptTokens: number;
  completionTokens: number;
  requests: number;
}

export function groupUsage(rows: readonly TokenUsageRow[]): { lines: UsageLine[]; total: UsageTotals } {
  const byKey = new Map<string, UsageLine>();
  const total: UsageTotals = { promptTokens: 0, completionTokens: 0, requests: 0 };
  for (const row of rows) {
    const key = `${row.day}\u0000${row.dhId ?? ''}`;
    let line = byKey.get(key);
    if (!line) byKey.set(key, (line = { day: row.day, dhId: row.dhId, models: [], promptTokens: 0, completionTokens: 0, requests: 0 }));
    if (!line.models.includes(row.model)) line.models.push(row.model);
    line.promptTokens += row.promptTokens;
    line.completionTokens += row.completionTokens;
    line.requests += row.requests;
    total.promptTokens += row.promptTokens;
    total.completionTokens += row.completionTokens;
    total.requests += row.requests;
  }
  const lines = [...byKey.values()].sort((a, b) => (a.day === b.day ? (a.dhId ?? '').localeCompare(b.dhId ?? '') : a.day < b.day ? 1 : -1));
  for (const line of lines) line.models.sort();
  return { lines, total };
}
