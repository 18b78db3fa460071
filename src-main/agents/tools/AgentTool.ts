/**
 * A tool a digital human may call (built in, or a connector's): a zod schema for its input (its
 * JSON schema is what the model sees), the group a DH profile enables it by,
 * the action and resource it names in the audit trail, and what it does.
 */
import { z } from 'zod';
import type { DhToolName, DigitalHuman } from '../../common/contract';
import type { ToolSpec } from '../../llm/LlmClient';
import type { ToolCallWords } from '../../storage/agents/toolCallDocFormat';
import type { UsageCounts } from '../../storage/governance/usageRecordFormat';
import type { UntrustedKind } from '../runtime/buildContext';

/** Who is calling, for whom, and where. */
export interface ToolContext {
  workspaceId: string;
  dh: DigitalHuman;
  roomId: string;
  threadRootId: string | null;
  /** The person whose message started the turn; null for a hand-off or a reminder. */
  onBehalfOf: string | null;
  jobId: string;
  /** The message that asked (a mention or a DM), if any. */
  triggerMessageId: string | null;
  /** The DH's message of this turn. */
  replyId: string | null;
  /** The kinds of untrusted text in the context so far (tool results add to it as the turn goes). */
  untrusted: Set<UntrustedKind>;
  /** What this turn has used so far (tokens, tool calls run, messages posted). */
  usage: UsageCounts;
}

/** A call in the room's words (docs/tool-call-cards.md): a sentence key of the UI, what fills it, and what it acted on. */
export interface ToolCallDescription extends ToolCallWords {
  /** What it acted on, shown with the sentence (undefined: the audit resource; null: nothing to show). */
  target?: string | null;
}

export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  group: DhToolName;
  input: S;
  /** The JSON schema the model sees, when the tool has its own (an MCP server's); otherwise `input`'s. */
  parameters?: Record<string, unknown>;
  /**
   * True when this call changes or removes data beyond the DH's own list, or
   * speaks elsewhere: with untrusted text in the context it waits for the
   * confirmation of the person the DH acts for.
   */
  confirm?: (ctx: ToolContext, input: z.output<S>) => boolean;
  /** True when it posts a message (it counts against the daily message quota). */
  speaks?: boolean;
  /** True when its result carries stored text others wrote (it joins the untrusted context). */
  returnsData?: boolean;
  /**
   * Set on a connector's tools (ConnectorToolRegistry stamps it): the person
   * the DH acts for needs `connector.use:<connectorId>`, and a call `confirm`
   * marks waits for their approval even without untrusted text in the context.
   */
  connectorId?: string;
  /**
   * The call in the room's words, from its input and its result (undefined
   * when it was refused or failed); none: "Called <name>" (describeToolCall.ts).
   */
  describe?: (input: z.output<S>, result: unknown) => ToolCallDescription;
  /** What the audit trail says was touched (e.g. `room/<id>`, `task/<id>`). */
  resource(ctx: ToolContext, input: z.output<S>): string;
  run(ctx: ToolContext, input: z.output<S>): Promise<unknown>;
}

/** Declares a tool with its input type inferred from its schema. */
export function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool {
  return tool as unknown as AgentTool;
}

/** The spec the model sees for `tool`. */
export function toolSpec(tool: AgentTool): ToolSpec {
  if (tool.parameters) return { name: tool.name, description: tool.description, parameters: tool.parameters };
  const schema = z.toJSONSchema(tool.input, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return { name: tool.name, description: tool.description, parameters: schema };
}
