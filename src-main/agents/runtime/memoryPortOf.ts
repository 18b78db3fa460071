/** The memory service as the agent runtime's MemoryPort (writes as the DH, origin `agent`). */
import type { MemoryService } from '../../domain/memory/MemoryService';
import { txOrigin } from '../../sync/TxOrigin';
import type { MemoryOperation, MemoryPort } from './AgentPorts';

export function memoryPortOf(memory: MemoryService): MemoryPort {
  return {
    recall: async (workspaceId, dhId, query, k) => (await memory.recall(workspaceId, dhId, query, { k })).items,
    findSimilar: async (workspaceId, dhId, text, k) =>
      (await memory.findSimilar(workspaceId, dhId, text, k)).map((s) => ({ id: s.memory.id, text: s.memory.text, score: s.score, source: s.memory.source, kind: s.memory.kind, at: s.memory.at })),
    apply: (workspaceId, dhId, ops) => {
      const mapped = ops.map((op: MemoryOperation) => {
        if (op.op !== 'ADD') return op;
        const { op: _op, ...memoryInput } = op;
        return { op: 'ADD' as const, memory: memoryInput };
      });
      const outcomes = memory.applyOperations(workspaceId, dhId, mapped, txOrigin('agent', dhId));
      return Promise.resolve(outcomes.flatMap((o) => (o.status === 'applied' && o.id !== null ? [o.id] : [])));
    },
  };
}
