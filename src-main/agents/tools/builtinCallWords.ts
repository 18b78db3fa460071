/**
 * The built-in tools' calls in the room's words (describeToolCall.ts): one
 * describer per tool, from its checked input and its result (undefined when
 * it did not run). Keys name sentences of the UI's strings
 * (`toolCalls.what.<key>` in src-renderer/lib/i18n/agentsEn.ts); `count`
 * and `status` are shown after the sentence. Built-in tools act inside the
 * workspace, so most have no target to show.
 */
import type { ToolCallDescription } from './AgentTool';

type Describe = (input: unknown, result: unknown) => ToolCallDescription;

const SHORT = 80;

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function short(value: unknown): string {
  const s = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  return s.length > SHORT ? `${s.slice(0, SHORT - 1)}…` : s;
}

function words(key: string, params: Record<string, string | number> = {}, target: string | null = null): ToolCallDescription {
  return { key, params, target };
}

export const BUILTIN_CALL_WORDS: Readonly<Record<string, Describe>> = {
  memory_save: (i) => words('memory.save', { text: short(field(i, 'text')) }),
  memory_search: (i) => words('memory.search', { query: short(field(i, 'query')) }),
  memory_update: (i) => words('memory.update', { id: short(field(i, 'id')) }),
  memory_forget: (i) => words('memory.forget', { id: short(field(i, 'id')) }),
  task_create: (i) => words('task.create', { title: short(field(i, 'title')) }),
  task_list: () => words('task.list'),
  task_update: (i, r) => words('task.update', { title: short(field(r, 'title')) || short(field(i, 'id')), ...(typeof field(r, 'status') === 'string' ? { status: short(field(r, 'status')) } : {}) }),
  task_decompose: (i) => words('task.decompose', { id: short(field(i, 'id')) }),
  knowledge_search: (i) => words('knowledge.search', { query: short(field(i, 'query')) }),
  read_attachment: (i, r) => {
    const name = short(field(r, 'name')) || short(field(i, 'hash')).slice(0, 12) || short(field(i, 'messageId'));
    return words('knowledge.readAttachment', { name }, name);
  },
  post_message: (i) => words('room.post', { room: short(field(i, 'room')) }, short(field(i, 'room'))),
  handoff: (i) => words('task.handoff', { to: short(field(i, 'to')), title: short(field(i, 'title')) }, short(field(i, 'to'))),
};
