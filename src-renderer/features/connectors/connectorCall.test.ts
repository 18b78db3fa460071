import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../lib/i18n/i18n';
import { connectorCall, connectorCallText } from './connectorCall';

const t = createTranslator('en');

describe('connectorCall', () => {
  it('says what a GitHub write does and on what', () => {
    const call = connectorCall('github_dispatch_workflow', { repo: 'acme/web', workflow: 'deploy.yml', ref: 'main' }, t);
    expect(call && connectorCallText(call, t)).toBe('GitHub: run workflow deploy.yml (main) on acme/web');
    const comment = connectorCall('github_comment', { repo: 'acme/web', number: 12, body: 'Fixed' }, t);
    expect(comment && connectorCallText(comment, t)).toBe('GitHub: comment “Fixed” on acme/web#12');
  });

  it('names the MCP server and its tool, with the arguments', () => {
    const call = connectorCall('mcp_crm-prod_create_contact', { name: 'Ada' }, t);
    expect(call).toEqual({ service: 'MCP server crm-prod', action: 'run tool create_contact', target: '{"name":"Ada"}' });
  });

  it('leaves other tools alone', () => {
    expect(connectorCall('post_message', { room: 'general', text: 'hi' }, t)).toBeNull();
  });
});
