/**
 * Every tool call of a digital human passes here, outside the model: the
 * tool must exist and be enabled for this DH, the person
 * it acts for must not be a guest (and, for a connector's tool, must hold
 * `connector.use:<connector>`), today's quota must not be used up (quota
 * hook, and the workspace's daily quotas), and its input must match its schema. A call that changes data
 * beyond the DH's own list or speaks elsewhere (`AgentTool.confirm`) while
 * untrusted text is in the context (a connector's tool that `confirm`s: always,
 * as it acts in a system outside the workspace) is not run: it is held for the
 * confirmation of the person who triggered the turn (`hold`), and runs only
 * when that person approves it (`call` with `confirmedBy`). Every call,
 * allowed, held or refused, lands in the audit trail. The model gets a JSON
 * result either way, so a refusal is something it can explain, never a crash.
 *
 * A call that runs costs one durable commit: its audit entry, its place in
 * the DH's tool calls of the day and its connector's last use are written
 * together once it is done (docs/connectors-performance.md). Until then it
 * holds a place in the day's count (`reserveCall`), so calls running at the
 * same time cannot pass the limit together.
 */
import type { RelayRoleName } from '../../common/contract';
import type { AuditInput } from '../../domain/audit/AuditService';
import type { AgentTool, ToolContext } from './AgentTool';
import { connectorPermission } from './ConnectorToolRegistry';

export interface ToolGateDeps {
  tools: ReadonlyMap<string, AgentTool>;
  /** The role of the person the DH acts for (the local user's role on this device). */
  role: (workspaceId: string) => RelayRoleName;
  /**
   * Holds one of today's tool calls of a DH for a call about to run: returns
   * how many that makes (the calls recorded today, those running, and this
   * one) and `release`, called once the call's audit entry is written (which
   * counts it for good).
   */
  reserveCall: (workspaceId: string, dhId: string) => { count: number; release: () => void };
  dailyToolCalls: number;
  /**
   * Appends an audit entry; durable when this returns. With `ran` (a call
   * that passed the gate and ran, allowed or failed), the same SQLite commit
   * also adds it to the DH's tool calls of the day and, for a connector's
   * tool, records when that connector was last used: all of it lands, or none.
   */
  audit: (workspaceId: string, entry: AuditInput, ran?: RanCall) => void;
  /** The refusal when a daily quota does not allow `tool` to run now (null: it may). */
  quota?: (ctx: ToolContext, tool: AgentTool) => string | null;
  /** Records a call held for confirmation; returns its id and the name of who must decide. */
  hold: (ctx: ToolContext, tool: string, rawArguments: string) => { id: string; decider: string };
  /** Whether the person the DH acts for (the local user when nobody) holds `permission` (none: everyone does). */
  can?: (ctx: ToolContext, permission: string) => boolean;
}

/** A call that passed the gate and ran: what its audit entry's commit also records. */
export interface RanCall {
  dhId: string;
  /** The connector whose tool it was (none: a built-in tool). */
  connectorId: string | undefined;
}

/** What the model is told about a call. */
export interface ToolOutcome {
  ok: boolean;
  result?: unknown;
  error?: string;
  /** Set when the call waits for a person's confirmation. */
  pending?: { approvalId: string };
}

const MAX_DETAIL_ARGS = 600;

export class ToolGate {
  constructor(private readonly deps: ToolGateDeps) {}

  /** Runs one call (one the person approved when `confirmedBy` is given); never throws. */
  async call(ctx: ToolContext, name: string, rawArguments: string, confirmedBy?: string): Promise<ToolOutcome> {
    const tool = this.deps.tools.get(name);
    const action = `tool.${name.slice(0, 64)}`;
    const args = rawArguments.slice(0, MAX_DETAIL_ARGS);
    const deny = (reason: string, resource = `dh/${ctx.dh.id}`): ToolOutcome => {
      this.audit(ctx, action, resource, 'denied', `${reason}; arguments: ${args}`);
      return { ok: false, error: `Refused: ${reason}` };
    };
    if (!tool) return deny(`there is no tool named "${name.slice(0, 64)}"`);
    if (!ctx.dh.tools.includes(tool.group)) return deny(`the "${tool.group}" tools are not enabled for ${ctx.dh.name}`);
    if (ctx.onBehalfOf !== null && this.deps.role(ctx.workspaceId) === 'guest') return deny('guests may not use digital humans');
    if (tool.connectorId !== undefined && !(this.deps.can?.(ctx, connectorPermission(tool.connectorId)) ?? true)) {
      return deny(`the role of the person ${ctx.dh.name} acts for does not allow ${connectorPermission(tool.connectorId)}`);
    }
    let parsedJson: unknown;
    try {
      parsedJson = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
    } catch {
      this.audit(ctx, action, `dh/${ctx.dh.id}`, 'failed', `arguments are not JSON: ${args}`);
      return { ok: false, error: 'The arguments are not valid JSON' };
    }
    const input = tool.input.safeParse(parsedJson);
    if (!input.success) {
      const problem = input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      this.audit(ctx, action, `dh/${ctx.dh.id}`, 'failed', `invalid arguments: ${problem}`);
      return { ok: false, error: `Invalid arguments: ${problem}` };
    }
    const resource = tool.resource(ctx, input.data);
    const outside = tool.connectorId !== undefined;
    if (confirmedBy === undefined && (ctx.untrusted.size > 0 || outside) && (tool.confirm?.(ctx, input.data) ?? false)) {
      const why =
        ctx.untrusted.size > 0
          ? `the context holds text from others (${[...ctx.untrusted].join(', ')})`
          : `it changes data in ${tool.connectorId ?? 'another system'}, outside this workspace`;
      if (ctx.onBehalfOf === null) return deny(`${why} and nobody is there to confirm this action`, resource);
      const held = this.deps.hold(ctx, tool.name, rawArguments);
      this.audit(ctx, action, resource, 'denied', `held for the confirmation of ${held.decider} (approval ${held.id}): ${why}; arguments: ${args}`);
      return {
        ok: false,
        pending: { approvalId: held.id },
        error: `Not done: this action waits for ${held.decider} to approve it in the room (${why}). Nothing happens unless they approve.`,
      };
    }
    const overQuota = this.deps.quota?.(ctx, tool) ?? null;
    if (overQuota !== null) return deny(overQuota, resource);
    const slot = this.deps.reserveCall(ctx.workspaceId, ctx.dh.id);
    if (slot.count > this.deps.dailyToolCalls) {
      slot.release();
      return deny(`${ctx.dh.name} has used today's ${this.deps.dailyToolCalls} tool calls`, resource);
    }
    const approved = confirmedBy === undefined ? '' : `approved by ${confirmedBy}; `;
    // One commit per call that runs: its outcome, its place in today's count and its connector's last use together.
    const ran: RanCall = { dhId: ctx.dh.id, connectorId: tool.connectorId };
    try {
      const result = await tool.run(ctx, input.data);
      ctx.usage.toolCalls += 1;
      if (tool.speaks) ctx.usage.messages += 1;
      if (tool.returnsData) ctx.untrusted.add('tool-results');
      this.audit(ctx, action, resource, 'allowed', `${approved}${args}`, ran);
      return { ok: true, result };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.audit(ctx, action, resource, 'failed', `${approved}${message}`, ran);
      return { ok: false, error: message };
    } finally {
      slot.release();
    }
  }

  private audit(ctx: ToolContext, action: string, resource: string, outcome: 'allowed' | 'denied' | 'failed', detail: string, ran?: RanCall): void {
    this.deps.audit(ctx.workspaceId, { actorKind: 'dh', actorId: ctx.dh.id, onBehalfOf: ctx.onBehalfOf, action, resource, outcome, detail }, ran);
  }
}
