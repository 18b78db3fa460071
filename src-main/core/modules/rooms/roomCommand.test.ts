import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun } from '../../../../tests/fixtures/runCliInProcess';
import { makeTempDir } from '../../../../tests/fixtures/tempDir';
import type { Message, Room, SearchHit, Workspace } from '../../../common/contract';

function cli(dataDir: string, ...argv: string[]): Promise<CliRun> {
  return runCliInProcess(dataDir, argv);
}

async function workspace(dir: string): Promise<string> {
  return (JSON.parse((await cli(dir, 'workspace', 'create', 'Acme Corp', '--json')).out[0]!) as Workspace).id;
}

describe('qwanyx room, message and search', () => {
  it('creates rooms, posts, lists and searches, by id, #name and workspace name', async () => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    const created = await cli(dir, 'room', 'create', '--workspace', ws, '--name', 'General', '--json');
    expect(created.code, created.err.join()).toBe(0);
    const general = JSON.parse(created.out[0]!) as Room;
    expect(general).toMatchObject({ name: 'general', private: false });
    const secret = await cli(dir, 'room', 'create', '--workspace', 'Acme Corp', '--name', 'board', '--private');
    expect(secret.out[0]).toMatch(/^Created #board {2}\S+ {2}\(private\)$/);

    const listed = JSON.parse((await cli(dir, 'room', 'list', '--workspace', ws, '--json')).out[0]!) as Room[];
    expect(listed.map((r) => r.name)).toEqual(['board', 'general']);
    expect((await cli(dir, 'room', 'list', '--workspace', ws)).out).toEqual([expect.stringMatching(/^#board /), expect.stringMatching(/^#general /)]);

    const posted = await cli(dir, 'message', 'post', '--workspace', ws, '--room', '#general', '--text', 'The café budget is approved', '--json');
    expect(posted.code, posted.err.join()).toBe(0);
    const first = JSON.parse(posted.out[0]!) as Message;
    expect((await cli(dir, 'message', 'post', '--workspace', ws, '--room', general.id, '--text', 'Great news')).out).toEqual([expect.stringMatching(/^Posted \S+ in #general$/)]);
    await cli(dir, 'message', 'post', '--workspace', ws, '--room', 'general', '--text', 'In a thread', '--thread', first.id);

    const messages = JSON.parse((await cli(dir, 'message', 'list', '--workspace', ws, '--room', '#general', '--json')).out[0]!) as Message[];
    expect(messages.map((m) => [m.text, m.replyCount])).toEqual([
      ['The café budget is approved', 1],
      ['Great news', 0],
    ]);
    const text = (await cli(dir, 'message', 'list', '--workspace', ws, '--room', '#general')).out;
    expect(text[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d {2}.+: The café budget is approved \[1 reply\]$/);

    const hits = JSON.parse((await cli(dir, 'search', '--workspace', ws, 'cafe budg', '--json')).out[0]!) as SearchHit[];
    expect(hits.map((h) => h.message.id)).toEqual([first.id]);
    expect((await cli(dir, 'search', '--workspace', ws, 'cafe in:#general')).out[0]).toMatch(/^#general {2}\d{4}-\d\d-\d\d {2}.+: The \[café\] budget is approved {2}\(/);
    expect((await cli(dir, 'search', '--workspace', ws, 'nothing')).out).toEqual(['No messages found.']);
  });

  it.each([
    [['room', 'create', '--name', 'x'], 2, /needs --workspace/],
    [['room', 'create', '--workspace', 'WS'], 2, /needs --name/],
    [['room', 'list', '--workspace', 'WS', '--private'], 2, /unexpected option --private/],
    [['room', 'rename'], 2, /usage: qwanyx room/],
    [['message', 'post', '--workspace', 'WS', '--room', '#general'], 2, /needs --text/],
    [['message', 'post', '--workspace', 'WS', '--text', 'hi'], 2, /needs --room/],
    [['message', 'post', '--workspace', 'WS', '--room', '#nowhere', '--text', 'hi'], 1, /No room "#nowhere"/],
    [['message', 'list', '--workspace', 'WS', '--room', '#general', '--limit', '0'], 2, /--limit takes a number/],
    [['message', 'list', '--workspace', 'nope', '--room', '#general'], 1, /No workspace "nope"/],
    [['search', '--workspace', 'WS'], 2, /usage: qwanyx search/],
    [['search', '--workspace', 'WS', 'a', 'b'], 2, /usage: qwanyx search/],
    [['room', 'create', '--workspace', 'WS', '--name', 'general'], 1, /already exists/],
  ])('refuses %j with exit code %i and one line on stderr', async (argv, code, message) => {
    const dir = makeTempDir();
    const ws = await workspace(dir);
    await cli(dir, 'room', 'create', '--workspace', ws, '--name', 'general');
    const run = await cli(dir, ...(argv as string[]).map((a) => (a === 'WS' ? ws : a)));
    expect(run.code).toBe(code);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message as RegExp);
    expect(run.out).toEqual([]);
  });

  it('runs as the qwanyx bin', { timeout: 90_000 }, () => {
    const dir = makeTempDir();
    const env = { ...process.env, QWANYX_DATA_DIR: dir };
    const run = (...args: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, ['bin/qwanyx.js', ...args], { env, encoding: 'utf8' });
    const ws = (JSON.parse(run('workspace', 'create', 'Globex', '--json').stdout as string) as Workspace).id;
    expect(run('room', 'create', '--workspace', ws, '--name', 'ops').status).toBe(0);
    expect(run('message', 'post', '--workspace', 'Globex', '--room', '#ops', '--text', 'deploy at noon').status).toBe(0);
    const found = run('search', '--workspace', ws, 'deploy', '--json');
    expect((JSON.parse(found.stdout as string) as SearchHit[]).map((h) => h.message.text)).toEqual(['deploy at noon']);
    const bad = run('message', 'post', '--workspace', ws, '--room', '#ops');
    expect(bad.status).toBe(2);
    expect((bad.stderr as string).trim().split('\n')).toHaveLength(1);
  });
});
