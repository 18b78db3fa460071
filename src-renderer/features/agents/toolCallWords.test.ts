import { describe, expect, it } from 'vitest';
import { en } from '../../lib/i18n/en';
import { createTranslator } from '../../lib/i18n/i18n';
import { toolCallWords } from './toolCallWords';

const t = createTranslator('en');
const tFr = createTranslator('fr');

describe('toolCallWords', () => {
  it('fills the sentence of the call’s key, then its status', () => {
    expect(toolCallWords({ tool: 'github_list_issues', words: { key: 'github.openIssues', params: { repo: 'acme/api', count: 3 } } }, t)).toBe('Listed open issues in acme/api');
    expect(toolCallWords({ tool: 'github_get_issue', words: { key: 'github.issue', params: { repo: 'acme/api', number: 42, status: 'open' } } }, t)).toBe('Read issue acme/api#42: open');
    expect(toolCallWords({ tool: 'github_get_issue', words: { key: 'github.issue', params: { repo: 'acme/api', number: 42, status: 'open' } } }, tFr)).toBe('A lu le ticket acme/api#42 : open');
  });

  it('says "Called <tool>" for a key this build does not know or a sentence missing its params', () => {
    expect(toolCallWords({ tool: 'github_new_thing', words: { key: 'github.newThing', params: {} } }, t)).toBe('Called github_new_thing');
    expect(toolCallWords({ tool: 'x', words: { key: 'toString', params: {} } }, t)).toBe('Called x');
    expect(toolCallWords({ tool: 'github_get_issue', words: { key: 'github.issue', params: { repo: 'acme/api' } } }, t)).toBe('Called github_get_issue');
  });

  it('has a sentence for every key the core writes', () => {
    const keys = Object.keys(en).filter((k) => k.startsWith('toolCalls.what.'));
    expect(keys.length).toBeGreaterThan(30);
    for (const key of ['memory.search', 'knowledge.search', 'task.list', 'room.post', 'github.runs', 'calendar.events', 'mail.search', 'rest.read', 'notion.readPage', 'mcp.call']) {
      expect(keys).toContain(`toolCalls.what.${key}`);
    }
  });
});
