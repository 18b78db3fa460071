/**
 * `qwanyx memory add|import|recall|list|forget|eval`: the long-term memory of a
 * digital human. `import` reads JSON Lines (one memory per line) and checks
 * every line before importing any; `recall --queries` answers a file of
 * questions with one JSON line each, for scripts and benchmarks; `eval`
 * measures recall on labelled conversations in a workspace of its own.
 */
import fs from 'node:fs';
import { z } from 'zod';
import {
  isChannelName,
  memoryKindSchema,
  memoryImportanceSchema,
  memorySourceSchema,
  memoryTagsSchema,
  memoryTextSchema,
  type Memory,
  type RecallItem,
} from '../../../common/contract';
import { ENTITY_ID_PATTERN } from '../../../common/ids';
import { AppError } from '../../../common/AppError';
import type { RecallScores } from '../../../domain/memory/evaluateRecall';
import { parseLabelledConversations, type LabelledConversation } from '../../../domain/memory/parseLabelledConversations';
import { memoryTimeSchema } from '../../../domain/memory/memoryTimeSchema';
import { runRecallEvaluation, type RecallEvaluation } from '../../../domain/memory/runRecallEvaluation';
import type { Core } from '../../Core';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import type { CliContext } from '../../cli/CliContext';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { limitFlag, resolveWorkspace } from '../../cli/resolveTargets';

/** Memories per `memory.import` call (one or a few Yjs transactions each). */
const IMPORT_CALL = 20_000;
/** Queries per `memory.recallBatch` call. */
const RECALL_CALL = 200;

/** One line of `memory import --jsonl`. */
const importLineSchema = z
  .object({
    text: memoryTextSchema,
    at: memoryTimeSchema.nullable().optional(),
    tags: memoryTagsSchema.optional(),
    source: memorySourceSchema.nullable().optional(),
    kind: memoryKindSchema.optional(),
    importance: memoryImportanceSchema.optional(),
    pinned: z.boolean().optional(),
  })
  .strict();

/** One line of `memory recall --queries`. */
const queryLineSchema = z
  .object({ id: z.union([z.string().min(1).max(200), z.number()]), query: z.string().max(2000).refine((s) => s.trim().length > 0, 'A query cannot be empty') })
  .strict();

/** Output of a recalled item in JSON: what a script needs to check an answer. */
function itemJson(item: RecallItem): Record<string, unknown> {
  return { id: item.id, text: item.text, score: item.score, source: item.source, kind: item.kind, at: item.at };
}

function day(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().slice(0, 10);
}

/** One line for a memory: `<id>  fact  2023-05-08  D1:3  text  [pinned]`. */
function describeMemory(m: Memory): string {
  const parts = [m.id, m.kind, day(m.at), m.source ?? '', m.text.replace(/\s*\n\s*/g, ' ⏎ ')].filter((p) => p.length > 0);
  const tags = m.tags.length > 0 ? `  #${m.tags.join(' #')}` : '';
  return `${parts.join('  ')}${tags}${m.pinned ? '  (pinned)' : ''}`;
}

/** Reads JSON Lines from `file`: each non-blank line parsed by `schema`; a bad line stops everything, naming its number. */
function readJsonLines<T>(file: string, schema: z.ZodType<T>): { line: number; value: T }[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliCommandError('NOT_FOUND', `Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const out: { line: number; value: T }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw.length === 0) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new CliCommandError('VALIDATION', `${file} line ${i + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new CliCommandError('VALIDATION', `${file} line ${i + 1}: ${where}${issue?.message ?? 'invalid'}`);
    }
    out.push({ line: i + 1, value: parsed.data });
  }
  return out;
}

/**
 * The digital human given as `--dh`: a profile's id or handle (`@handle`)
 * when the workspace has one; otherwise the value itself, as a DH id (the
 * memory of a DH does not need its profile).
 */
async function resolveDhId(core: Core, workspaceId: string, flag: string | boolean | undefined): Promise<string> {
  if (typeof flag !== 'string' || flag.length === 0) throw new CliUsageError('this command needs --dh <id or handle>');
  if (isChannelName('dh.list')) {
    const wanted = flag.replace(/^@/, '').toLowerCase();
    const dhs = await callCore(core, 'dh.list', { workspaceId, includeArchived: true });
    const found = dhs.find((d) => d.id === flag) ?? dhs.find((d) => d.handle.toLowerCase() === wanted || d.mentionHandle.toLowerCase() === wanted);
    if (found) return found.id;
  }
  if (!ENTITY_ID_PATTERN.test(flag)) throw new CliCommandError('NOT_FOUND', `No digital human "${flag}" in this workspace`);
  return flag;
}

function kFlag(flag: string | boolean | undefined): number {
  if (flag === undefined) return 10;
  const n = typeof flag === 'string' && /^\d{1,3}$/.test(flag) ? Number(flag) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new CliUsageError('--k takes a number from 1 to 100');
  return n;
}

function stringFlag(flags: CliContext['flags'], name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** The conversations of `file` (see parseLabelledConversations), or a command error naming the bad line. */
function readConversations(file: string): LabelledConversation[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliCommandError('NOT_FOUND', `Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseLabelledConversations(text);
  } catch (err) {
    if (err instanceof AppError) throw new CliCommandError(err.code, `${file} ${err.message}`);
    throw err;
  }
}

/** Imports and recalls `conversations` in a new workspace (full text: it has no embeddings model), deleted afterwards. */
async function evaluateInScratchWorkspace(core: Core, conversations: readonly LabelledConversation[]): Promise<RecallEvaluation> {
  const name = `Recall evaluation ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`;
  const { id: workspaceId } = await callCore(core, 'workspace.create', { name, kind: 'solo' });
  try {
    return await runRecallEvaluation(
      {
        async importMany(dhId, items) {
          await callCore(core, 'memory.import', { workspaceId, dhId, items });
        },
        async recallBatch(dhId, queries, k) {
          return (await callCore(core, 'memory.recallBatch', { workspaceId, dhId, queries, k })).results;
        },
      },
      conversations,
    );
  } finally {
    await callCore(core, 'workspace.delete', { id: workspaceId, confirmName: name });
  }
}

/** The table of `memory eval`: one line per kind of question, then all of them. */
function scoreLines(scores: readonly RecallScores[]): string[] {
  const width = Math.max(12, ...scores.map((s) => s.kind.length));
  const cell = (x: number): string => x.toFixed(3).padStart(7);
  return [
    `${'kind'.padEnd(width)}  questions   hit@5  hit@10  all@10`,
    ...scores.map((s) => `${s.kind.padEnd(width)}  ${String(s.questions).padStart(9)} ${cell(s.hitAt5)} ${cell(s.hitAt10)} ${cell(s.allAt10)}`),
  ];
}

/** The long-term memory of a digital human. */
export const memoryCommand: CliCommand = {
  name: 'memory',
  subcommands: {
    add: {
      usage: 'memory add --workspace W --dh D --text T [--at ISO-8601] [--tags a,b] [--source S] [--kind K] [--importance 0..1] [--json]',
      flags: { workspace: 'string', dh: 'string', text: 'string', at: 'string', tags: 'string', source: 'string', kind: 'string', importance: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const text = stringFlag(flags, 'text');
        if (text === undefined) throw new CliUsageError('memory add needs --text <text>');
        const tags = stringFlag(flags, 'tags');
        const importance = stringFlag(flags, 'importance');
        const line = importLineSchema.safeParse({
          text,
          ...(flags.at !== undefined ? { at: stringFlag(flags, 'at') } : {}),
          ...(tags !== undefined ? { tags: tags.split(',').filter((t) => t.trim().length > 0) } : {}),
          ...(flags.source !== undefined ? { source: stringFlag(flags, 'source') } : {}),
          ...(flags.kind !== undefined ? { kind: stringFlag(flags, 'kind') } : {}),
          ...(importance !== undefined ? { importance: Number(importance) } : {}),
        });
        if (!line.success) {
          const issue = line.error.issues[0];
          throw new CliUsageError(`--${String(issue?.path[0] ?? 'text')}: ${issue?.message ?? 'invalid'}`);
        }
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const dhId = await resolveDhId(core, workspaceId, flags.dh);
        const memory = await callCore(core, 'memory.add', { workspaceId, dhId, ...line.data });
        out(flags.json ? JSON.stringify(memory) : `Remembered ${memory.id}`);
      },
    },
    import: {
      usage: 'memory import --workspace W --dh D --jsonl FILE [--json]',
      notes: ['(one {text, at?, tags?, source?, kind?, importance?} per line)'],
      flags: { workspace: 'string', dh: 'string', jsonl: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const file = stringFlag(flags, 'jsonl');
        if (file === undefined) throw new CliUsageError('memory import needs --jsonl <file>');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const dhId = await resolveDhId(core, workspaceId, flags.dh);
        const started = performance.now();
        const items = readJsonLines(file, importLineSchema).map((l) => l.value);
        let imported = 0;
        for (let i = 0; i < items.length; i += IMPORT_CALL) {
          imported += (await callCore(core, 'memory.import', { workspaceId, dhId, items: items.slice(i, i + IMPORT_CALL) })).imported;
        }
        const seconds = (performance.now() - started) / 1000;
        const perSecond = seconds > 0 ? Math.round(imported / seconds) : imported;
        if (flags.json) out(JSON.stringify({ imported, seconds: Math.round(seconds * 1000) / 1000, perSecond }));
        else out(`Imported ${imported} memories in ${seconds.toFixed(2)} s (${perSecond} per second)`);
      },
    },
    recall: {
      usage: 'memory recall --workspace W --dh D (--query Q | --queries FILE) [--k 10] [--json]',
      notes: ['(--queries: one {id, query} per line in; one {id, results} per line out)'],
      flags: { workspace: 'string', dh: 'string', query: 'string', queries: 'string', k: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const query = stringFlag(flags, 'query');
        const queriesFile = stringFlag(flags, 'queries');
        if ((query === undefined) === (queriesFile === undefined)) throw new CliUsageError('memory recall needs --query <text> or --queries <file>');
        const k = kFlag(flags.k);
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const dhId = await resolveDhId(core, workspaceId, flags.dh);
        if (queriesFile !== undefined) {
          const lines = readJsonLines(queriesFile, queryLineSchema).map((l) => l.value);
          for (let i = 0; i < lines.length; i += RECALL_CALL) {
            const chunk = lines.slice(i, i + RECALL_CALL);
            const { results } = await callCore(core, 'memory.recallBatch', {
              workspaceId,
              dhId,
              queries: chunk.map((q, j) => ({ id: String(i + j), query: q.query })),
              k,
            });
            results.forEach((r, j) => out(JSON.stringify({ id: chunk[j]!.id, results: r.items.map(itemJson) })));
          }
          return;
        }
        const { items } = await callCore(core, 'memory.recall', { workspaceId, dhId, query: query!, k });
        if (flags.json) out(JSON.stringify(items.map(itemJson)));
        else if (items.length === 0) out('Nothing recalled.');
        else items.forEach((item, i) => out(`${i + 1}. ${item.score.toFixed(4)}  ${item.kind}${item.source ? `  ${item.source}` : ''}${item.at !== null ? `  ${day(item.at)}` : ''}  ${item.text.replace(/\s*\n\s*/g, ' ⏎ ')}`));
      },
    },
    list: {
      usage: 'memory list --workspace W --dh D [--query Q] [--kind K] [--limit N] [--json]',
      flags: { workspace: 'string', dh: 'string', query: 'string', kind: 'string', limit: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const kind = memoryKindSchema.safeParse(flags.kind);
        if (flags.kind !== undefined && !kind.success) throw new CliUsageError('--kind is fact, preference, event or instruction');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const dhId = await resolveDhId(core, workspaceId, flags.dh);
        const page = await callCore(core, 'memory.list', {
          workspaceId,
          dhId,
          limit: limitFlag(flags.limit, 50, 200),
          ...(kind.success ? { kind: kind.data } : {}),
          ...(flags.query !== undefined ? { query: stringFlag(flags, 'query') } : {}),
        });
        if (flags.json) out(JSON.stringify(page.memories));
        else if (page.memories.length === 0) out('No memories.');
        else for (const m of page.memories) out(describeMemory(m));
      },
    },
    forget: {
      usage: 'memory forget --workspace W --dh D <memory id>',
      flags: { workspace: 'string', dh: 'string' },
      positionals: 1,
      async run({ core, flags, out }, [id]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const dhId = await resolveDhId(core, workspaceId, flags.dh);
        await callCore(core, 'memory.delete', { workspaceId, dhId, id: id! });
        out(`Forgot ${id!}`);
      },
    },
    eval: {
      usage: 'memory eval --conversations FILE [--misses] [--json]',
      notes: [
        '(turns {conversation, source, text, at?} and questions',
        ' {conversation, kind, query, answers}, one per line; prints hit@5,',
        ' hit@10, all@10 per kind; --misses: what the top 10 missed)',
      ],
      flags: { conversations: 'string', misses: 'boolean', json: 'boolean' },
      async run({ core, flags, out }) {
        const file = stringFlag(flags, 'conversations');
        if (file === undefined) throw new CliUsageError('memory eval needs --conversations <file>');
        const conversations = readConversations(file);
        const { scores, questions } = await evaluateInScratchWorkspace(core, conversations);
        const missed = questions.filter((q) => !q.answers.every((a) => q.recalled.slice(0, 10).includes(a)));
        const turns = conversations.reduce((n, c) => n + c.turns.length, 0);
        if (flags.json) {
          out(JSON.stringify({ conversations: conversations.length, turns, scores, ...(flags.misses ? { misses: missed } : {}) }));
          return;
        }
        out(`Recall on ${conversations.length} conversations, ${turns} turns, ${questions.length} questions (full text, top 10):`);
        for (const line of scoreLines(scores)) out(line);
        if (flags.misses) {
          for (const q of missed) out(`${q.kind}  ${q.conversation}  ${q.query}  wanted ${q.answers.join(', ')}  got ${q.recalled.slice(0, 10).map((s) => s ?? '-').join(', ')}`);
        }
      },
    },
  },
};
