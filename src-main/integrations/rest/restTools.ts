/**
 * The tools of one REST connection: each operation of its description
 * becomes `rest_<connection>_<operation>`, with an input schema built from
 * the operation's parameters. Read operations run at once; writes say
 * `confirm` and so always wait for the approval of the person the DH acts
 * for (ToolGate). Every result is data written by others (`returnsData`),
 * cut to a bounded size; no result carries a credential.
 */
import { z } from 'zod';
import { ValidationError } from '../../common/AppError';
import { defineTool, type AgentTool } from '../../agents/tools/AgentTool';
import type { RestApi } from './RestApi';
import type { RestOperation, RestParam, RestSpec } from './RestSpec';

/** Longest string kept in a result, most items of a list, and longest result as JSON. */
export const REST_LIMITS = { stringChars: 4000, listItems: 200, resultChars: 30_000 } as const;

const always = (): boolean => true;

export function restConnectorId(name: string): string {
  return `rest-${name}`;
}

export function restToolName(name: string, operation: string): string {
  return `rest_${name}_${operation}`;
}

function paramSchema(p: RestParam): z.ZodTypeAny {
  let s: z.ZodTypeAny;
  switch (p.type) {
    case 'string':
      s = p.enum ? z.enum(p.enum as [string, ...string[]]) : z.string().max(p.max ?? 2000);
      break;
    case 'integer':
    case 'number': {
      let n = p.type === 'integer' ? z.number().int() : z.number();
      if (p.min !== undefined) n = n.min(p.min);
      if (p.max !== undefined) n = n.max(p.max);
      s = n;
      break;
    }
    case 'boolean':
      s = z.boolean();
      break;
    case 'object':
      s = z.record(z.string().max(200), z.unknown());
      break;
    case 'array':
      s = z.array(z.unknown()).max(100);
      break;
    case 'fields':
      s = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a field name'), z.unknown()).refine((o) => Object.keys(o).length <= 100, 'at most 100 fields');
      break;
  }
  if (p.description) s = s.describe(p.description);
  return p.required ? s : s.optional();
}

export function operationInput(op: RestOperation): z.ZodObject<z.ZodRawShape> {
  return z.object(Object.fromEntries(op.params.map((p) => [p.name, paramSchema(p)]))).strict();
}

/** The request an operation makes for `input` (already checked against its schema). */
export function operationRequest(op: RestOperation, input: Record<string, unknown>): { method: string; path: string; query: Record<string, string>; body?: unknown } {
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = String(input[name]);
    if (value === '' || value === '.' || value === '..') throw new ValidationError(`${name} cannot be ${JSON.stringify(value)}`);
    return encodeURIComponent(value);
  });
  const query: Record<string, string> = {};
  let body: Record<string, unknown> | undefined;
  for (const p of op.params) {
    const v = input[p.name];
    if (v === undefined || p.in === 'path') continue;
    if (p.in === 'query') query[p.name] = String(v);
    else if (p.type === 'fields') body = { ...(body ?? {}), ...(v as Record<string, unknown>) };
    else body = { ...(body ?? {}), [p.name]: v };
  }
  if (body === undefined && op.method !== 'GET' && op.method !== 'DELETE' && op.params.some((p) => p.in === 'body')) body = {};
  return { method: op.method, path, query, ...(body !== undefined ? { body } : {}) };
}

/** `value` with long strings and lists cut, and as text when still longer than the result bound. */
export function boundedResult(value: unknown): unknown {
  const cut = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return v.length <= REST_LIMITS.stringChars ? v : `${v.slice(0, REST_LIMITS.stringChars)} […${v.length - REST_LIMITS.stringChars} more characters]`;
    if (Array.isArray(v)) {
      const items = v.slice(0, REST_LIMITS.listItems).map((x) => cut(x, depth + 1));
      return v.length > REST_LIMITS.listItems ? [...items, `[…${v.length - REST_LIMITS.listItems} more items]`] : items;
    }
    if (v && typeof v === 'object') {
      if (depth > 8) return '[…]';
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, cut(x, depth + 1)]));
    }
    return v;
  };
  const bounded = cut(value, 0);
  const json = JSON.stringify(bounded) ?? 'null';
  if (json.length <= REST_LIMITS.resultChars) return bounded;
  return { truncated: true, text: `${json.slice(0, REST_LIMITS.resultChars)} […${json.length - REST_LIMITS.resultChars} more characters: ask for fewer items or fields]` };
}

/** The tools of connection `name` (a workspace's), calling through `api`. */
export function restTools(name: string, spec: RestSpec, api: () => RestApi): AgentTool[] {
  return spec.operations.map((op) =>
    defineTool({
      name: restToolName(name, op.name),
      description: `${spec.name} (${op.kind === 'read' ? 'read' : 'write, waits for approval'}): ${op.description} Results are data written by others.`,
      group: 'connectors',
      input: operationInput(op),
      describe: () => ({ key: op.kind === 'read' ? 'rest.read' : 'rest.write', params: { operation: op.name, connection: spec.name.slice(0, 80) } }),
      returnsData: true,
      resource: (_ctx, i) => `rest/${name}/${operationRequest(op, i as Record<string, unknown>).path}`,
      ...(op.kind === 'write' ? { confirm: always } : {}),
      run: async (_ctx, i) => boundedResult(await api().request(operationRequest(op, i as Record<string, unknown>))),
    }),
  );
}
