/**
 * What the relay's write policies cost. `policyCheckCost`: the audit doc's
 * checks alone (checkUpdatePolicy: append-only, then the entry's writer and
 * device; the update already decoded as the relay decodes it anyway), in
 * process, on an `audit` doc of over 1 MB, per honest update (one new
 * signed entry). `policyComparison`: propagation and fan-out of
 * audit entries through our relay with the policies on and off (two servers,
 * each warmed up alike first, then alternating which goes first in a round),
 * so the end-to-end difference is measured in one run.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { checkUpdatePolicy } from '../../sync-server/policy/checkUpdatePolicy';
import type { PolicyWriter } from '../../sync-server/policy/checkRoomUpdate';
import { DOC_POLICIES } from '../../sync-server/policy/docPolicies';
import { logProgress } from './logProgress';
import { median, percentile } from './percentile';
import { spawnBenchServer } from './relayBenchClients';
import { appendAuditEntry, BENCH_AUDIT_AUTHOR, fanout, propagation, warmUp } from './relayBenchScenarios';
import { withTempDataDir } from './withTempDataDir';

const DOC_BYTES = 1024 * 1024;
const CHECKS = 5000;
const WARMUP = 500;
const ROUNDS = 10;

/**
 * The connected writer: the audit rules read only its member ids, here the
 * bench author bound to the bench account (one map lookup, as MemberIds does
 * once the binding is cached).
 */
const BOUND = new Map([[BENCH_AUDIT_AUTHOR, 'bench-account']]);
const WRITER = {
  userId: 'bench-account',
  role: 'member',
  workspaceId: 'bench-workspace',
  docName: 'audit',
  facts: { memberIds: { owns: (_ws: string, user: string, id: string) => id === user || BOUND.get(id) === user } },
} as unknown as PolicyWriter;

/** µs per check of one new-entry update against a held audit doc of over 1 MB (p50, p99), and the doc's size. */
export function policyCheckCost(): { p50: number; p99: number; docBytes: number } {
  const held = new Y.Doc();
  const writer = new Y.Doc();
  let i = 0;
  Y.transact(writer, () => {
    // About 165 bytes an entry: 6,500 entries make over 1 MB.
    for (; i < 6500; i++) appendAuditEntry(writer, i);
  });
  Y.applyUpdate(held, Y.encodeStateAsUpdate(writer));
  const docBytes = Y.encodeStateAsUpdate(held).length;
  if (docBytes < DOC_BYTES) throw new Error(`bench: the audit doc is only ${docBytes} bytes`);
  const updates: Uint8Array[] = [];
  const grab = (u: Uint8Array): void => void updates.push(u);
  writer.on('update', grab);
  for (let n = 0; n < WARMUP + CHECKS; n++) appendAuditEntry(writer, i++);
  writer.off('update', grab);
  const samples: number[] = [];
  for (const [n, update] of updates.entries()) {
    const decoded = Y.decodeUpdate(update);
    const start = performance.now();
    const refused = checkUpdatePolicy(DOC_POLICIES.audit, held, decoded, WRITER);
    const us = (performance.now() - start) * 1000;
    if (refused) throw new Error(`bench: an honest entry was refused: ${refused.message}`);
    if (n >= WARMUP) samples.push(us);
    Y.applyUpdate(held, update);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), docBytes };
}

/**
 * Propagation p99 (ms, median round) and fan-out (µs per update per observer) of audit entries, policies on and off;
 * `pairedP99Ratio`: on ÷ off of the p99 within each round (both sides back to back), median over rounds.
 */
export async function policyComparison(): Promise<Record<'on' | 'off', { propP99: number; fanUs: number; pooledP50: number; pooledP99: number }> & { pairedP99Ratio: number; rounds: Record<'on' | 'off', number[]> }> {
  return withTempDataDir('relay-policy', async (dataDir) => {
    const servers = { on: await spawnBenchServer('ours', path.join(dataDir, 'on')), off: await spawnBenchServer('ours-nopolicy', path.join(dataDir, 'off')) };
    const sides = ['on', 'off'] as const;
    try {
      for (const side of sides) {
        logProgress(`relay (policies ${side}): warm-up…`);
        // On a room doc: the audit doc must stay small enough for 500 observers to fetch it whole.
        await warmUp(servers[side], 'room/bench-policy-warmup');
      }
      // Fan-out first, while the audit doc is empty: each of the 500 observers starts by fetching all of it.
      const fan: Record<'on' | 'off', number> = { on: 0, off: 0 };
      for (const side of sides) {
        logProgress(`relay (policies ${side}): audit fan-out…`);
        fan[side] = (await fanout(servers[side], 'audit', appendAuditEntry)).wallUs;
      }
      const prop: Record<'on' | 'off', number[]> = { on: [], off: [] };
      const pooled: Record<'on' | 'off', number[]> = { on: [], off: [] };
      const ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          logProgress(`relay (policies ${side}): audit propagation, round ${round + 1}/${ROUNDS}…`);
          const result = await propagation(servers[side], 'audit', appendAuditEntry);
          prop[side].push(result.p99);
          pooled[side].push(...result.samples);
        }
        ratios.push(prop.on[round]! / prop.off[round]!);
      }
      return {
        on: { propP99: median(prop.on), fanUs: fan.on, pooledP50: percentile(pooled.on, 50), pooledP99: percentile(pooled.on, 99) },
        off: { propP99: median(prop.off), fanUs: fan.off, pooledP50: percentile(pooled.off, 50), pooledP99: percentile(pooled.off, 99) },
        pairedP99Ratio: median(ratios),
        rounds: { on: prop.on, off: prop.off },
      };
    } finally {
      await Promise.all(sides.map((side) => servers[side].stop()));
    }
  });
}
