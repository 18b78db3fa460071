/**
 * What a digital human used, as entries of the append-only audit trail:
 * action `agent.usage`, the DH as actor, the member whose turn it was as
 * `onBehalfOf` (null for a reminder of its own task), and as detail a JSON
 * record `{"tokens":n,"toolCalls":n,"messages":n}`. One entry per turn (and
 * per approved action). Usage and quotas are read from these entries: they
 * sync with the trail, the relay keeps them append-only, so every device of
 * the workspace sums the same figures and a member cannot erase their use.
 * Readers never trust a peer: a detail that does not parse counts nothing.
 */
import { z } from 'zod';

export const USAGE_ACTION = 'agent.usage';

export interface UsageCounts {
  tokens: number;
  toolCalls: number;
  messages: number;
}

const MAX = 1e9;
const countSchema = z.number().int().min(0).max(MAX);
const detailSchema = z.object({ tokens: countSchema, toolCalls: countSchema, messages: countSchema });

export function writeUsageDetail(counts: UsageCounts): string {
  return JSON.stringify({ tokens: Math.round(counts.tokens), toolCalls: counts.toolCalls, messages: counts.messages });
}

export function readUsageDetail(detail: string): UsageCounts | null {
  try {
    const parsed = detailSchema.safeParse(JSON.parse(detail));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
