/**
 * A digital human's call of a connector tool in plain words, for its card
 * in the room: which service (GitHub, MCP server `notes`), what it does
 * ("open an issue “Broken build”") and on what (`acme/web#12`); an MCP
 * tool's arguments are shown with it. Tools are
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
    const tool = mcp[2] ?? '';
    const action = Object.keys(args).length > 0 ? t('connectors.action.mcpWith', { tool, args: str(args) }) : t('connectors.action.mcp', { tool });
    return { service: t('connectors.card.mcp', { server: mcp[1] ?? '' }), action, target: null };
  }
  return null;
}

/** One line that follows "Ops wants to": "open an issue “…” on acme/web (via GitHub)". */
export function connectorCallText(call: ConnectorCall, t: Translate): string {
  const on = call.target === null ? '' : ` ${t('connectors.card.on', { target: call.target })}`;
  return `${call.action}${on} ${t('connectors.card.via', { service: call.service })}`;
}

/**
 * A connector's result in short (the core keeps its JSON, cut at 500
 * characters): the plain fields of an object as "name: value", anything
 * else as it is, cut at `max`.
 */
export function connectorResultText(result: string, max = 240): string {
  let text = result;
  try {
    const value: unknown = JSON.parse(result);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const plain = Object.entries(value as Record<string, unknown>).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
      if (plain.length > 0) text = plain.map(([k, v]) => `${k}: ${String(v)}`).join(' · ');
    }
  } catch {
    // Cut JSON (over 500 characters) or plain text: shown as it is.
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
