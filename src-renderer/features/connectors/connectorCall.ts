/**
 * A digital human's call of a connector tool in plain words, for its card
 * in the room: which service (GitHub, MCP server `notes`), what it does
 * ("open an issue “Broken build”") and on what (`acme/web#12`). Tools are
 * recognised by their names: `github_*` and `mcp_<server>_<tool>`.
 */
import type { Translate } from '../../lib/i18n/i18n';

export interface ConnectorCall {
  service: string;
  action: string;
  /** The repository, issue… it acts on, when the arguments name one. */
  target: string | null;
}

const MAX = 120;

function str(value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return s.length > MAX ? `${s.slice(0, MAX)}…` : s;
}

/** The call in words, or null when `tool` is not a connector's. */
export function connectorCall(tool: string, args: Record<string, unknown>, t: Translate): ConnectorCall | null {
  if (tool.startsWith('github_')) {
    const repo = typeof args.repo === 'string' ? args.repo : null;
    const number = typeof args.number === 'number' ? args.number : null;
    const target = repo === null ? null : number === null ? repo : `${repo}#${number}`;
    let action: string;
    if (tool === 'github_create_issue') action = t('connectors.action.github_create_issue', { title: str(args.title) });
    else if (tool === 'github_comment') action = t('connectors.action.github_comment', { body: str(args.body) });
    else if (tool === 'github_dispatch_workflow') action = t('connectors.action.github_dispatch_workflow', { workflow: str(args.workflow), ref: str(args.ref) });
    else action = t('connectors.action.github', { tool });
    return { service: t('connectors.card.github'), action, target };
  }
  const mcp = /^mcp_([a-z0-9-]+)_(.+)$/.exec(tool);
  if (mcp) {
    const rest = Object.keys(args).length > 0 ? str(args) : null;
    return { service: t('connectors.card.mcp', { server: mcp[1] ?? '' }), action: t('connectors.action.mcp', { tool: mcp[2] ?? '' }), target: rest };
  }
  return null;
}

/** One line: "GitHub: open an issue “…” on acme/web". */
export function connectorCallText(call: ConnectorCall, t: Translate): string {
  const what = t('connectors.card.what', { service: call.service, action: call.action });
  return call.target === null ? what : `${what} ${t('connectors.card.on', { target: call.target })}`;
}
