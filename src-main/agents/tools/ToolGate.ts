/**
 * Every tool call of a digital human passes here, outside the model: the
 * tool must exist and be enabled for this DH (permission hook), the person
 * it acts for must not be a guest, today's quota must not be used up (quota
 * hook), and its input must match its schema. Every call, allowed or
 * refused, lands in the audit trail. The model gets a JSON result either
 * way, so a refusal is something it can explain, never a crash.
 */
import type { RelayRoleName } from '../../common/contract';
import type { AuditInput } from '../../domain/audit/AuditService';
import type { AgentTool, ToolContext } from './AgentTool';

export interface ToolGateDeps {
  tools: ReadonlyMap<string, AgentTool>;
  /** The role of the person the DH acts for (the local user's role on this device). */
  role: (workspaceId: string) => RelayRoleName;
  /** Adds one to today's count of tool calls of a DH; returns the new count. */
  countCall: (workspaceId: string, dhId: string) => number;
  dailyToolCalls: number;
  audit: (workspaceId: string, entry: AuditInput) => void;
}

/** What the model is told about a call. */
export interface ToolOutcome {
  ok: boolean;
  result?: unknown;
  error?: string;
}

const MAX_DETAIL_ARGS = 600;

export class ToolGate {
  constructor(private readonly deps: ToolGateDeps) {}

  /** Runs one call; never throws. */
  async call(ctx: ToolContext, name: string, rawArguments: string): Promise<ToolOutcome> {
    const tool = this.deps.tools.get(name);
    const action = `tool.${name.slice(0, 64)}`;
    const deny = (reason: string, resource = `dh/${ctx.dh.id}`): ToolOutcome => {
      this.audit(ctx, action, resource, 'denied', `${reason}; arguments: ${rawArguments.slice(0, MAX_DETAIL_ARGS)}`);
      return { ok: false, error: `Refused: ${reason}` };
    };
    if (!tool) return deny(`there is no tool named "${name.slice(0, 64)}"`);
    if (!ctx.dh.tools.includes(tool.group)) return deny(`the "${tool.group}" tools are not enabled for ${ctx.dh.name}`);
    if (ctx.onBehalfOf !== null && this.deps.role(ctx.workspaceId) === 'guest') return deny('guests may not use digital humans');
    let parsedJson: unknown;
    try {
      parsedJson = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
    } catch {
      this.audit(ctx, action, `dh/${ctx.dh.id}`, 'failed', `arguments are not JSON: ${rawArguments.slice(0, MAX_DETAIL_ARGS)}`);
      return { ok: false, error: 'The arguments are not valid JSON' };
    }
    const input = tool.input.safeParse(parsedJson);
    if (!input.success) {
      const problem = input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      this.audit(ctx, action, `dh/${ctx.dh.id}`, 'failed', `invalid arguments: ${problem}`);
      return { ok: false, error: `Invalid arguments: ${problem}` };
    }
    const resource = tool.resource(ctx, input.data);
    if (this.deps.countCall(ctx.workspaceId, ctx.dh.id) > this.deps.dailyToolCalls) {
      return deny(`${ctx.dh.name} has used today's ${this.deps.dailyToolCalls} tool calls`, resource);
    }
    try {
      const result = await tool.run(ctx, input.data);
      this.audit(ctx, action, resource, 'allowed', rawArguments.slice(0, MAX_DETAIL_ARGS));
      return { ok: true, result };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.audit(ctx, action, resource, 'failed', message);
      return { ok: false, error: message };
    }
  }

  private audit(ctx: ToolContext, action: string, resource: string, outcome: 'allowed' | 'denied' | 'failed', detail: string): void {
    this.deps.audit(ctx.workspaceId, { actorKind: 'dh', actorId: ctx.dh.id, onBehalfOf: ctx.onBehalfOf, action, resource, outcome, detail });
  }
}
