import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun } from '../../../tests/fixtures/runCliInProcess';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import type { Workspace } from '../../common/contract';

function cli(dataDir: string, ...argv: string[]): Promise<CliRun> {
  return runCliInProcess(dataDir, argv);
}

describe('qwanyx CLI', () => {
  it('creates, lists, renames and deletes workspaces, with --json output', async () => {
    const dir = makeTempDir();
    const created = await cli(dir, 'workspace', 'create', 'Acme Corp', '--json');
    expect(created.code).toBe(0);
    const acme = JSON.parse(created.out[0]!) as Workspace;
    expect(acme).toMatchObject({ name: 'Acme Corp', kind: 'team' });
    const solo = JSON.parse((await cli(dir, 'workspace', 'create', 'Side gig', '--solo', '--json')).out[0]!) as Workspace;
    expect(solo.kind).toBe('solo');

    const list = JSON.parse((await cli(dir, 'workspace', 'list', '--json')).out[0]!) as Workspace[];
    expect(list.map((w) => w.name)).toEqual(['Personal', 'Acme Corp', 'Side gig']);
    expect((await cli(dir, 'workspace', 'list')).out.join('\n')).toContain(`${acme.id}  Acme Corp  (team`);

    expect((await cli(dir, 'workspace', 'rename', acme.id, 'Acme Industries')).code).toBe(0);
    const refused = await cli(dir, 'workspace', 'delete', acme.id, '--confirm', 'Acme Corp');
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([expect.stringContaining('Type the workspace name exactly ("Acme Industries")')]);
    expect((await cli(dir, 'workspace', 'delete', acme.id, '--confirm', 'Acme Industries')).code).toBe(0);
    const after = JSON.parse((await cli(dir, 'workspace', 'list', '--json')).out[0]!) as Workspace[];
    expect(after.map((w) => w.name)).toEqual(['Personal', 'Side gig']);
  });

  it.each([
    [['workspace', 'create'], 2, /usage: qwanyx workspace create/],
    [['workspace', 'create', 'a', 'b'], 2, /usage/],
    [['workspace', 'create', ''], 1, /Name cannot be empty/],
    [['workspace', 'frobnicate'], 2, /usage: qwanyx workspace/],
    [['workspace', 'delete', 'abcdefgh1234'], 2, /needs --confirm/],
    [['workspace', 'rename', '../../etc', 'x'], 1, /Workspace id must be/],
    [['workspace', 'list', '--solo'], 2, /unexpected option --solo/],
    [['workspace', 'list', '--bogus'], 2, /Unknown option '--bogus'/],
    [['teleport'], 2, /unknown command "teleport"/],
  ])('refuses %j with exit code %i and one line on stderr', async (argv, code, message) => {
    const run = await cli(makeTempDir(), ...(argv as string[]));
    expect(run.code).toBe(code);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message as RegExp);
    expect(run.out).toEqual([]);
  });

  it('runs as the qwanyx bin with QWANYX_DATA_DIR', { timeout: 90_000 }, () => {
    const dir = makeTempDir();
    const env = { ...process.env, QWANYX_DATA_DIR: dir };
    const made = spawnSync(process.execPath, ['bin/qwanyx.js', 'workspace', 'create', 'Globex', '--json'], { env, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const listed = spawnSync(process.execPath, ['bin/qwanyx.js', 'workspace', 'list', '--json'], { env, encoding: 'utf8' });
    expect((JSON.parse(listed.stdout) as Workspace[]).map((w) => w.name)).toEqual(['Personal', 'Globex']);
    const bad = spawnSync(process.execPath, ['bin/qwanyx.js', 'workspace', 'rename', 'nope'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
