import { describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun } from '../../../../tests/fixtures/runCliInProcess';
import { makeTempDir } from '../../../../tests/fixtures/tempDir';
import type { DigitalHuman, Task, Workspace } from '../../../common/contract';

function cli(dataDir: string, ...argv: string[]): Promise<CliRun> {
  return runCliInProcess(dataDir, argv);
}

async function workspace(dir: string): Promise<string> {
  return (JSON.parse((await cli(dir, 'workspace', 'create', 'Acme Corp', '--json')).out[0]!) as Workspace).id;
}

describe('qwanyx dh and task', () => {
  it('creates digital humans and their tasks, lists them, by id, handle and workspace name', async () => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    const created = await cli(dir, 'dh', 'create', '--workspace', ws, '--name', 'Philippe', '--handle', 'philippe@qwanyx.com', '--title', 'Coach', '--template', 'adhd-planning-coach', '--model', 'llama3.1:8b', '--json');
    expect(created.code, created.err.join()).toBe(0);
    const philippe = JSON.parse(created.out[0]!) as DigitalHuman;
    expect(philippe).toMatchObject({ name: 'Philippe', handle: 'philippe@qwanyx.com', title: 'Coach', model: 'llama3.1:8b', template: 'adhd-planning-coach' });
    expect(philippe.persona).toContain('You are Philippe,');
    const plain = await cli(dir, 'dh', 'create', '--workspace', 'Acme Corp', '--name', 'Ops', '--handle', 'ops', '--persona', 'Watch the deploys.');
    expect(plain.out).toEqual([expect.stringMatching(/^Created @ops {2}Ops {2}\S+$/)]);

    expect((await cli(dir, 'dh', 'list', '--workspace', ws)).out).toEqual([
      expect.stringMatching(/^@ops {2}Ops {2}\S+$/),
      expect.stringMatching(/^@philippe {2}Philippe <philippe@qwanyx.com> {2}\S+ {2}\(Coach, model llama3.1:8b\)$/),
    ]);

    const task = await cli(dir, 'task', 'create', '--workspace', ws, '--dh', '@philippe', '--title', 'Plan the week', '--due', '2030-05-01T17:00:00Z', '--assignee', 'me', '--json');
    expect(task.code, task.err.join()).toBe(0);
    const planned = JSON.parse(task.out[0]!) as Task;
    expect(planned).toMatchObject({ dhId: philippe.id, title: 'Plan the week', dueAt: Date.UTC(2030, 4, 1, 17), assignee: { kind: 'member' } });
    await cli(dir, 'task', 'create', '--workspace', ws, '--dh', 'ops', '--title', 'Check the backups', '--assignee', '@philippe');
    const listed = JSON.parse((await cli(dir, 'task', 'list', '--workspace', ws, '--json')).out[0]!) as Task[];
    expect(listed.map((t) => t.title)).toEqual(['Plan the week', 'Check the backups']);
    expect(listed[1]!.assignee).toEqual({ kind: 'dh', id: philippe.id });
    // Philippe's view: its own list and what is assigned to it.
    expect((await cli(dir, 'task', 'list', '--workspace', ws, '--dh', philippe.id)).out).toEqual([
      expect.stringMatching(/^\[todo\] Plan the week {2}\S+ {2}\(Philippe's list, due 2030-05-01 17:00, for .+\)$/),
      expect.stringMatching(/^\[todo\] Check the backups {2}\S+ {2}\(Ops's list, for Philippe\)$/),
    ]);
    expect((await cli(dir, 'task', 'done', planned.id, '--workspace', ws)).out).toEqual(['Done: Plan the week']);
    expect((await cli(dir, 'task', 'list', '--workspace', ws, '--dh', 'ops')).out).toHaveLength(1);
    expect(JSON.parse((await cli(dir, 'task', 'list', '--workspace', ws, '--all', '--json')).out[0]!)).toHaveLength(2);

    expect((await cli(dir, 'dh', 'delete', '--workspace', ws, '--dh', 'ops', '--confirm', 'Ops')).out).toEqual(['Deleted Ops']);
    expect((await cli(dir, 'dh', 'list', '--workspace', ws)).out).toHaveLength(1);
  });

  it.each([
    [['dh', 'create', '--workspace', 'WS'], 2, /needs --name/],
    [['dh', 'create', '--workspace', 'WS', '--name', 'X', '--handle', 'bad handle'], 1, /Handle may hold/],
    [['dh', 'create', '--workspace', 'WS', '--name', 'X', '--handle', 'juno'], 1, /already taken/],
    [['dh', 'list', '--workspace', 'WS', '--title', 'x'], 2, /unexpected option --title/],
    [['dh', 'delete', '--workspace', 'WS', '--dh', 'juno'], 2, /--confirm "Juno"/],
    [['dh', 'rename'], 2, /usage: qwanyx dh/],
    [['task', 'create', '--workspace', 'WS', '--dh', 'juno'], 2, /needs --title/],
    [['task', 'create', '--workspace', 'WS', '--title', 'x'], 2, /needs --dh/],
    [['task', 'create', '--workspace', 'WS', '--dh', 'nobody', '--title', 'x'], 1, /No digital human "nobody"/],
    [['task', 'create', '--workspace', 'WS', '--dh', 'juno', '--title', 'x', '--due', 'tomorrow'], 2, /--due takes an ISO 8601 date/],
    [['task', 'create', '--workspace', 'WS', '--dh', 'juno', '--title', 'x', '--assignee', 'ghost'], 1, /No member "ghost"/],
    [['task', 'done', '--workspace', 'WS'], 2, /usage: qwanyx task done/],
  ])('refuses %j with exit code %i and one line on stderr', async (argv, code, message) => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    await cli(dir, 'dh', 'create', '--workspace', ws, '--template', 'adhd-planning-coach');
    const run = await cli(dir, ...(argv as string[]).map((a) => (a === 'WS' ? ws : a)));
    expect(run.code).toBe(code);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message as RegExp);
    expect(run.out).toEqual([]);
  });

  it('shows and sets the tool groups of a digital human', async () => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    await cli(dir, 'dh', 'create', '--workspace', ws, '--name', 'Ops', '--handle', 'ops');
    expect((await cli(dir, 'dh', 'tools', '--workspace', ws, '--dh', 'ops')).out).toEqual(['Ops: memory, tasks, post']);
    const set = await cli(dir, 'dh', 'tools', '--workspace', ws, '--dh', 'ops', '--set', 'post, connectors', '--json');
    expect(set.code, set.err.join()).toBe(0);
    expect(JSON.parse(set.out[0]!)).toEqual(['post', 'connectors']);
    expect((await cli(dir, 'dh', 'tools', '--workspace', ws, '--dh', 'ops', '--set', '')).out).toEqual(['Ops: no tools']);
    const bad = await cli(dir, 'dh', 'tools', '--workspace', ws, '--dh', 'ops', '--set', 'post,deploy');
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/unknown tool group deploy; the groups are memory, tasks, knowledge, post, handoff, connectors/);
  });
});
