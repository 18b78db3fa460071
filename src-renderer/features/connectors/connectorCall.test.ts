import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../lib/i18n/i18n';
import { connectorCall, connectorCallText, connectorResultText } from './connectorCall';

const t = createTranslator('en');

describe('connectorCall', () => {
  it('says what a GitHub write does and on what', () => {
    const call = connectorCall('github_dispatch_workflow', { repo: 'acme/web', workflow: 'deploy.yml', ref: 'main' }, t);
    expect(call && connectorCallText(call, t)).toBe('run workflow deploy.yml (main) on acme/web (via GitHub)');
    const comment = connectorCall('github_comment', { repo: 'acme/web', number: 12, body: 'Fixed' }, t);
    expect(comment && connectorCallText(comment, t)).toBe('comment “Fixed” on acme/web#12 (via GitHub)');
  });

  it('names the MCP server and its tool, with the arguments', () => {
    const call = connectorCall('mcp_crm-prod_create_contact', { name: 'Ada' }, t);
    expect(call && connectorCallText(call, t)).toBe('run tool create_contact with {"name":"Ada"} (via MCP server crm-prod)');
    expect(connectorCall('mcp_notes_read_graph', {}, t)).toEqual({ service: 'MCP server notes', action: 'run tool read_graph', target: null });
  });

  it('leaves other tools alone', () => {
    expect(connectorCall('post_message', { room: 'general', text: 'hi' }, t)).toBeNull();
  });

  it('shortens a result to its plain fields, and leaves cut JSON as it is', () => {
    expect(connectorResultText('{"dispatched":true,"workflow":"deploy.yml","ref":"main","inputs":{"a":1}}')).toBe('dispatched: true · workflow: deploy.yml · ref: main');
    expect(connectorResultText('{"number":3,"title":"x', 10)).toBe('{"number":…');
  });
});
