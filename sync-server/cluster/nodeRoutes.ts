/**
 * Health of one relay node, for a load balancer or an orchestrator:
 * `GET /healthz` (liveness: the process answers; 200 `{ ok: true }`) and
 * `GET /readyz` (readiness: 200 `{ ready: true }` when the node takes
 * connections and its storage and bus answer; 503 `{ ready: false, problem }`
 * while it stops or when PostgreSQL or Redis does not answer, so traffic
 * goes to the other nodes).
 */
import type { HttpRoute } from '../http/HttpRoute';
import type { DocBackends } from './openDocBackends';

export function nodeRoutes(deps: { backends: Pick<DocBackends, 'problem'>; stopping(): boolean }): HttpRoute[] {
  return [
    { method: 'GET', path: '/healthz', handle: () => ({ status: 200, body: { ok: true } }) },
    {
      method: 'GET',
      path: '/readyz',
      handle: async () => {
        if (deps.stopping()) return { status: 503, body: { ready: false, problem: 'the node is stopping' } };
        const problem = await deps.backends.problem();
        return problem === null ? { status: 200, body: { ready: true } } : { status: 503, body: { ready: false, problem } };
      },
    },
  ];
}
