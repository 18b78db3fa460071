/**
 * The tools connectors give digital humans, per workspace. A connector (an
 * MCP server, a first-party connector such as GitHub) registers its tools
 * under its id in one workspace; the gate of that workspace (toolGateOf)
 * then sees the built-in tools plus these, and no other workspace ever does.
 *
 * Every rule stays outside the model, in ToolGate, exactly as for built-in
 * tools, plus one: a connector tool needs the permission
 * `connector.use:<connectorId>` of the person the DH acts for. Then the
 * workspace's daily quotas, the input schema, confirmation (a tool whose
 * `confirm` says true waits for the person's approval, untrusted text or
 * not: it acts in a system outside the workspace) and the audit trail.
 *
 * A connector registers tools of group `connectors` (a DH uses them only
 * when its profile enables that group); their names must be unique among
 * the workspace's connectors and look like a model's function name (a
 * built-in tool of the same name wins: prefix names with the connector's,
 * e.g. `github_list_issues`, `mcp_<server>_<tool>`). Results of tools marked `returnsData` join the untrusted
 * context: the DH treats them as data, never as instructions.
 */
import { ValidationError } from '../../common/AppError';
import type { AgentTool } from './AgentTool';

/** A connector id: what `connector.use:<id>` names. Lowercase letters, digits, `_` and `-`, at most 48. */
export const CONNECTOR_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,47}$/;

/** A tool name a model accepts: letters, digits, `_` and `-`, at most 64. */
export const CONNECTOR_TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The permission a person needs for a DH to use `connectorId`'s tools on their behalf. */
export function connectorPermission(connectorId: string): string {
  return `connector.use:${connectorId}`;
}

/** Per-workspace connector tools. */
export class ConnectorToolRegistry {
  private readonly byWorkspace = new Map<string, Map<string, readonly AgentTool[]>>();
  private readonly listeners = new Set<(workspaceId: string) => void>();
  private readonly preparers = new Set<(workspaceId: string) => Promise<void>>();

  /**
   * Sets the tools of `connectorId` in `workspaceId` (replacing what it
   * registered before). Each tool is stamped with `connectorId`, so the gate
   * asks for `connector.use:<connectorId>`. Throws ValidationError on a bad
   * id or name, a group other than `connectors`, or a name already taken.
   */
  register(workspaceId: string, connectorId: string, tools: readonly AgentTool[]): void {
    if (!CONNECTOR_ID_PATTERN.test(connectorId)) {
      throw new ValidationError(`Invalid connector id ${JSON.stringify(connectorId.slice(0, 60))}: use 1-48 lowercase letters, digits, "_" or "-"`);
    }
    const connectors = this.byWorkspace.get(workspaceId) ?? new Map<string, readonly AgentTool[]>();
    const taken = new Set<string>();
    for (const [id, list] of connectors) if (id !== connectorId) for (const t of list) taken.add(t.name);
    const seen = new Set<string>();
    for (const tool of tools) {
      if (!CONNECTOR_TOOL_NAME_PATTERN.test(tool.name)) {
        throw new ValidationError(`Invalid tool name ${JSON.stringify(tool.name.slice(0, 80))}: use 1-64 letters, digits, "_" or "-"`);
      }
      if (tool.group !== 'connectors') throw new ValidationError(`Tool ${tool.name} of connector ${connectorId} must be in the "connectors" group`);
      if (taken.has(tool.name) || seen.has(tool.name)) {
        throw new ValidationError(`Tool name ${tool.name} is already used in this workspace`);
      }
      seen.add(tool.name);
    }
    connectors.set(
      connectorId,
      tools.map((tool) => ({ ...tool, connectorId })),
    );
    this.byWorkspace.set(workspaceId, connectors);
    this.changed(workspaceId);
  }

  /** Removes the tools of `connectorId` in `workspaceId`; true when it had some registered. */
  unregister(workspaceId: string, connectorId: string): boolean {
    const connectors = this.byWorkspace.get(workspaceId);
    if (!connectors?.delete(connectorId)) return false;
    if (connectors.size === 0) this.byWorkspace.delete(workspaceId);
    this.changed(workspaceId);
    return true;
  }

  /** Removes every connector tool of `workspaceId` (the workspace closed or was deleted). */
  clear(workspaceId: string): void {
    if (this.byWorkspace.delete(workspaceId)) this.changed(workspaceId);
  }

  /** The connector tools of `workspaceId`, connector by connector in registration order. */
  list(workspaceId: string): AgentTool[] {
    return [...(this.byWorkspace.get(workspaceId)?.values() ?? [])].flat();
  }

  /** The ids of the connectors with tools registered in `workspaceId`. */
  connectors(workspaceId: string): string[] {
    return [...(this.byWorkspace.get(workspaceId)?.keys() ?? [])];
  }

  /** Calls `listener` with the workspace id whenever its connector tools change; returns the unsubscribe. */
  onChange(listener: (workspaceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Adds work to run before a digital human's turn in a workspace, for a
   * connector that learns its tools lazily (an MCP server lists them when it
   * first starts). It must not throw for a connector that is down: the turn
   * goes on with the tools known. Returns the removal.
   */
  addPreparer(prepare: (workspaceId: string) => Promise<void>): () => void {
    this.preparers.add(prepare);
    return () => this.preparers.delete(prepare);
  }

  /** Runs the preparers for `workspaceId` (the agent runtime, before a turn). */
  async prepare(workspaceId: string): Promise<void> {
    await Promise.all([...this.preparers].map((p) => p(workspaceId)));
  }

  private changed(workspaceId: string): void {
    for (const listener of this.listeners) listener(workspaceId);
  }
}
