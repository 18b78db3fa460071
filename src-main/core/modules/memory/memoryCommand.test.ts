import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun } from '../../../../tests/fixtures/runCliInProcess';
import { makeTempDir } from '../../../../tests/fixtures/tempDir';
import type { DigitalHuman, Memory, Workspace } from '../../../common/contract';

function cli(dataDir: string, ...argv: string[]): Promise<CliRun> {
  return runCliInProcess(dataDir, argv);
}

async function workspace(dir: string): Promise<string> {
  return (JSON.parse((await cli(dir, 'workspace', 'create', 'Acme Corp', '--json')).out[0]!) as Workspace).id;
}

function writeLines(dir: string, name: string, lines: unknown[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return file;
}

describe('qwanyx memory', () => {
  it('adds, imports, recalls (one query or a file of them), lists and forgets', async () => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    const added = await cli(dir, 'memory', 'add', '--workspace', ws, '--dh', 'ada', '--text', 'Budget review moved to Thursday', '--tags', 'Finance, meetings', '--at', '2024-03-04', '--source', 'note:1', '--json');
    expect(added.code, added.err.join()).toBe(0);
    expect(JSON.parse(added.out[0]!) as Memory).toMatchObject({ tags: ['finance', 'meetings'], at: Date.UTC(2024, 2, 4), source: 'note:1', kind: 'fact' });

    const file = writeLines(dir, 'turns.jsonl', [
      { text: 'Caroline: I went to the LGBTQ support group yesterday.', source: 'D1:3', at: '2023-05-08T13:56:00Z' },
      '',
      { text: 'Melanie: I painted a sunrise over the lake last week.', source: 'D1:4', at: '2023-05-08T13:57:00Z', kind: 'event' },
      { text: 'Caroline: My group meets at the library on Tuesdays.', source: 'D2:1', at: 1683763200000, tags: ['group'] },
    ]);
    const imported = await cli(dir, 'memory', 'import', '--workspace', 'Acme Corp', '--dh', 'ada', '--jsonl', file);
    expect(imported.code, imported.err.join()).toBe(0);
    expect(imported.out[0]).toMatch(/^Imported 3 memories in \d+\.\d\d s \(\d+ per second\)$/);

    const recall = await cli(dir, 'memory', 'recall', '--workspace', ws, '--dh', 'ada', '--query', 'What did Melanie paint?', '--k', '2', '--json');
    expect(recall.code, recall.err.join()).toBe(0);
    const items = JSON.parse(recall.out[0]!) as { source: string; kind: string; id: string; score: number }[];
    // The answer, then the turn just before it in the same conversation (its context).
    expect(items.map((i) => [i.source, i.kind])).toEqual([
      ['D1:4', 'event'],
      ['D1:3', 'fact'],
    ]);
    expect(items[0]!.score).toBeGreaterThan(items[1]!.score);
    expect((await cli(dir, 'memory', 'recall', '--workspace', ws, '--dh', 'ada', '--query', 'support group')).out[0]).toMatch(/^1\. \d\.\d{4} {2}fact {2}D1:3 {2}2023-05-08 {2}Caroline: I went/);

    const queries = writeLines(dir, 'q.jsonl', [
      { id: 'q1', query: 'When did Caroline go to the support group?' },
      { id: 7, query: 'Where does the group meet?' },
    ]);
    const batch = await cli(dir, 'memory', 'recall', '--workspace', ws, '--dh', 'ada', '--queries', queries, '--k', '1');
    expect(batch.code, batch.err.join()).toBe(0);
    expect(batch.out.map((l) => JSON.parse(l) as { id: unknown; results: { source: string }[] })).toEqual([
      { id: 'q1', results: [expect.objectContaining({ source: 'D1:3' })] },
      { id: 7, results: [expect.objectContaining({ source: 'D2:1' })] },
    ]);

    const listed = JSON.parse((await cli(dir, 'memory', 'list', '--workspace', ws, '--dh', 'ada', '--json')).out[0]!) as Memory[];
    expect(listed).toHaveLength(4);
    expect((await cli(dir, 'memory', 'list', '--workspace', ws, '--dh', 'ada', '--kind', 'event')).out).toEqual([expect.stringMatching(/ event {2}2023-05-08 {2}D1:4 {2}Melanie: I painted/)]);
    const target = listed.find((m) => m.source === 'D1:4')!;
    expect((await cli(dir, 'memory', 'forget', '--workspace', ws, '--dh', 'ada', target.id)).out).toEqual([`Forgot ${target.id}`]);
    expect(JSON.parse((await cli(dir, 'memory', 'list', '--workspace', ws, '--dh', 'ada', '--json')).out[0]!)).toHaveLength(3);
  });

  it('checks every line of an import first and imports nothing when one is bad', async () => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    for (const [bad, message] of [
      ['{"text": "ok", "speaker": "x"}', /line 2: Unrecognized key/],
      ['{"text": ""}', /line 2: text: A memory cannot be empty/],
      ['{"text": "ok", "at": "someday in May"}', /line 2: at: Use an ISO-8601 date/],
      ['{"text": "ok", "kind": "rumour"}', /line 2: kind: /],
      ['not json', /line 2: not valid JSON/],
    ] as const) {
      const file = writeLines(dir, 'bad.jsonl', [{ text: 'first line is fine' }, bad, { text: 'so is the third' }]);
      const run = await cli(dir, 'memory', 'import', '--workspace', ws, '--dh', 'ada', '--jsonl', file);
      expect(run.code, bad).toBe(1);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(message);
    }
    expect((await cli(dir, 'memory', 'list', '--workspace', ws, '--dh', 'ada')).out).toEqual(['No memories.']);
  });

  it('finds the digital human by handle when it has a profile', async () => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    const created = await cli(dir, 'dh', 'create', '--workspace', ws, '--name', 'Juno', '--handle', 'juno', '--json');
    expect(created.code, created.err.join()).toBe(0);
    const juno = JSON.parse(created.out[0]!) as DigitalHuman;
    expect((await cli(dir, 'memory', 'add', '--workspace', ws, '--dh', '@juno', '--text', 'Likes short answers')).code).toBe(0);
    const listed = JSON.parse((await cli(dir, 'memory', 'list', '--workspace', ws, '--dh', juno.id, '--json')).out[0]!) as Memory[];
    expect(listed.map((m) => [m.dhId, m.text])).toEqual([[juno.id, 'Likes short answers']]);
  });

  it('evaluates recall on labelled conversations in a workspace of its own, and removes it', async () => {
    const dir = makeTempDir();
    await workspace(dir);
    const file = writeLines(dir, 'conversations.jsonl', [
      { conversation: 'c1', source: 'D1:1', text: 'Ana: Who taught you to sail?', at: '2024-05-02T10:00:00Z' },
      { conversation: 'c1', source: 'D1:2', text: 'Bo: My uncle Pedro, every summer on the lake near Porto.', at: '2024-05-02T10:00:00Z' },
      { conversation: 'c1', source: 'D2:1', text: 'Bo: I adopted a grey cat named Smoke from the shelter.', at: '2024-06-10T18:00:00Z' },
      { conversation: 'c1', kind: 'single-hop', query: 'What is the name of the cat Bo adopted?', answers: ['D2:1'] },
      { conversation: 'c1', kind: 'multi-hop', query: 'Who taught Bo to sail, and where?', answers: ['D1:1', 'D1:2'] },
      { conversation: 'c1', kind: 'temporal', query: 'What did Bo do in June?', answers: ['D2:1'] },
    ]);
    const run = await cli(dir, 'memory', 'eval', '--conversations', file, '--misses');
    expect(run.code, run.err.join()).toBe(0);
    expect(run.out).toEqual([
      'Recall on 1 conversations, 3 turns, 3 questions (full text, top 10):',
      'kind          questions   hit@5  hit@10  all@10',
      'single-hop            1   1.000   1.000   1.000',
      'multi-hop             1   1.000   1.000   1.000',
      'temporal              1   1.000   1.000   1.000',
      'all                   3   1.000   1.000   1.000',
    ]);
    const json = await cli(dir, 'memory', 'eval', '--conversations', file, '--json');
    expect(JSON.parse(json.out[0]!)).toMatchObject({ conversations: 1, turns: 3, scores: expect.arrayContaining([{ kind: 'all', questions: 3, hitAt5: 1, hitAt10: 1, allAt10: 1 }]) });
    const workspaces = JSON.parse((await cli(dir, 'workspace', 'list', '--json')).out[0]!) as Workspace[];
    expect(workspaces.map((w) => w.name)).not.toContainEqual(expect.stringMatching(/^Recall evaluation/));

    const bad = writeLines(dir, 'bad.jsonl', [{ conversation: 'c1', source: 'D1:1', text: 'x' }, { conversation: 'c1', query: 'q', answers: ['D9:9'] }]);
    const refused = await cli(dir, 'memory', 'eval', '--conversations', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([expect.stringMatching(/bad\.jsonl line 2: answer "D9:9" is not a turn of conversation "c1"/)]);
  });

  it.each([
    [['memory', 'eval'], 2, /needs --conversations/],
    [['memory', 'eval', '--conversations', '/nonexistent/file.jsonl'], 1, /Cannot read/],
    [['memory', 'add', '--workspace', 'WS', '--text', 'x'], 2, /needs --dh/],
    [['memory', 'add', '--workspace', 'WS', '--dh', 'ada'], 2, /needs --text/],
    [['memory', 'add', '--workspace', 'WS', '--dh', 'ada', '--text', 'x', '--at', 'tomorrow'], 2, /--at: Use an ISO-8601 date/],
    [['memory', 'add', '--workspace', 'WS', '--dh', 'ada', '--text', 'x', '--importance', '3'], 2, /--importance/],
    [['memory', 'add', '--workspace', 'WS', '--dh', '../etc', '--text', 'x'], 1, /No digital human/],
    [['memory', 'recall', '--workspace', 'WS', '--dh', 'ada'], 2, /needs --query <text> or --queries/],
    [['memory', 'recall', '--workspace', 'WS', '--dh', 'ada', '--query', 'x', '--k', '0'], 2, /--k takes a number/],
    [['memory', 'import', '--workspace', 'WS', '--dh', 'ada'], 2, /needs --jsonl/],
    [['memory', 'import', '--workspace', 'WS', '--dh', 'ada', '--jsonl', '/nonexistent/file.jsonl'], 1, /Cannot read/],
    [['memory', 'forget', '--workspace', 'WS', '--dh', 'ada', 'nope'], 1, /No such memory/],
    [['memory', 'list', '--workspace', 'WS', '--dh', 'ada', '--kind', 'rumour'], 2, /--kind is fact/],
    [['memory', 'list', '--workspace', 'WS', '--dh', 'ada', '--text', 'x'], 2, /unexpected option --text/],
    [['memory', 'remember'], 2, /usage: qwanyx memory/],
  ])('refuses %j with exit code %i and one line on stderr', async (argv, code, message) => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    const run = await cli(dir, ...(argv as string[]).map((a) => (a === 'WS' ? ws : a)));
    expect(run.code).toBe(code);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message as RegExp);
    expect(run.out).toEqual([]);
  });
});
