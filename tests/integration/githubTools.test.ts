// The GitHub connector's tools against a fake GitHub API over real HTTP,
// each call through the workspace's real gate (permission, schema,
// confirmation, audit): reads, confirmed writes, pagination, logs, rate
// limits, a revoked token, offline, and one workspace's token never used
// for another.
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-main/common/contract';
import { startFakeGithub } from '../fixtures/fakeGithubServer';
import { GITHUB_TOKEN, githubSetup, secondWorkspace } from '../fixtures/githubSetup';

type Json = Record<string, unknown>;

describe('GitHub connector tools', () => {
  it('lists and reads issues, following pages, with the token on every request', async () => {
    const s = await githubSetup();
    for (let n = 0; n < 130; n += 1) s.gh.addIssue('acme/web', { title: `Issue ${n}`, body: `Body ${n}` });
    s.gh.addPull('acme/web', { title: 'A pull request', head: 'feature' });
    const listed = await s.callTool('github_list_issues', { repo: 'acme/web', limit: 100 });
    expect(listed.ok, listed.error).toBe(true);
    const issues = listed.result as Json[];
    expect(issues).toHaveLength(100);
    expect(issues.every((i) => typeof i.title === 'string' && String(i.title).startsWith('Issue'))).toBe(true);
    const pages = s.gh.requests.filter((r) => r.path === '/repos/acme/web/issues');
    expect(pages.map((p) => p.query.page ?? '1')).toEqual(['1', '2']);
    expect(s.gh.requests.every((r) => r.authorization === `Bearer ${GITHUB_TOKEN}`)).toBe(true);

    const one = await s.callTool('github_get_issue', { repo: 'acme/web', number: issues[3]!.number });
    expect(one.result).toMatchObject({ title: 'Issue 3', body: 'Body 3', state: 'open' });
    const missing = await s.callTool('github_get_issue', { repo: 'acme/web', number: 99999 });
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('GitHub has nothing') });
    const bad = await s.callTool('github_list_issues', { repo: 'not a repo' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('owner/name') });
  });

  it('works with a GitHub Enterprise address (/api/v3), pages included', async () => {
    const gh = await startFakeGithub({ prefix: '/api/v3', tokens: { [GITHUB_TOKEN]: 'octo-admin' } });
    const s = await githubSetup({ gh });
    for (let n = 0; n < 120; n += 1) s.gh.addIssue('acme/web', { title: `Issue ${n}` });
    const listed = await s.callTool('github_list_issues', { repo: 'acme/web', limit: 100 });
    expect(listed.ok, listed.error).toBe(true);
    expect(s.gh.requests.filter((r) => r.path === '/api/v3/repos/acme/web/issues')).toHaveLength(2);
  });

  it('lists and reads pull requests', async () => {
    const s = await githubSetup();
    const n = s.gh.addPull('acme/web', { title: 'Faster build', body: 'Cache deps', head: 'cache' });
    s.gh.addIssue('acme/web', { title: 'Not a PR' });
    const list = await s.callTool('github_list_pull_requests', { repo: 'acme/web' });
    expect(list.result).toEqual([expect.objectContaining({ number: n, title: 'Faster build', head: 'cache', base: 'main' })]);
    const one = await s.callTool('github_get_pull_request', { repo: 'acme/web', number: n });
    expect(one.result).toMatchObject({ body: 'Cache deps', merged: false });
  });

  it('lists workflow runs and reads a run’s logs as bounded text, without sending the token to the download', async () => {
    const s = await githubSetup();
    s.gh.addRun('acme/web', { name: 'CI', branch: 'feature' });
    const long = `${'step output\n'.repeat(3000)}Error: tests failed in checkout.test.ts\n`;
    const id = s.gh.addRun('acme/web', { name: 'Deploy', branch: 'main', conclusion: 'failure', logs: { 'build/1_Set up job.txt': 'setting up\n', 'build/2_Run tests.txt': long } });
    const runs = await s.callTool('github_list_workflow_runs', { repo: 'acme/web', branch: 'main' });
    expect(runs.result).toEqual([expect.objectContaining({ id, workflow: 'Deploy', conclusion: 'failure', branch: 'main' })]);
    const logs = await s.callTool('github_get_run_logs', { repo: 'acme/web', runId: id, maxChars: 2000 });
    expect(logs.ok, logs.error).toBe(true);
    const r = logs.result as { text: string; files: string[]; truncatedChars: number };
    expect(r.files).toEqual(['build/1_Set up job.txt', 'build/2_Run tests.txt']);
    expect(r.text.length).toBeLessThan(2100);
    expect(r.text).toContain('Error: tests failed in checkout.test.ts');
    expect(r.truncatedChars).toBeGreaterThan(30_000);
    const download = s.gh.requests.find((q) => q.path.startsWith('/_downloads/'))!;
    expect(download.authorization).toBeNull();
  });

  it('holds writes for the approval of the person, then creates, comments and dispatches', async () => {
    const s = await githubSetup();
    const held = await s.callTool('github_dispatch_workflow', { repo: 'acme/web', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } });
    expect(held.pending).toBeDefined();
    expect(held.error).toContain('waits for');
    expect(s.gh.repo('acme/web').dispatches).toEqual([]);
    const run = await s.callTool('github_dispatch_workflow', { repo: 'acme/web', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } }, { confirmedBy: 'Me' });
    expect(run.ok, run.error).toBe(true);
    expect(s.gh.repo('acme/web').dispatches).toEqual([{ workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } }]);

    expect((await s.callTool('github_create_issue', { repo: 'acme/web', title: 'Flaky test' })).pending).toBeDefined();
    const created = await s.callTool('github_create_issue', { repo: 'acme/web', title: 'Flaky test', body: 'It fails on Mondays' }, { confirmedBy: 'Me' });
    expect(created.result).toMatchObject({ title: 'Flaky test', author: 'octo-admin' });
    const number = (created.result as Json).number as number;
    const commented = await s.callTool('github_comment', { repo: 'acme/web', number, body: 'Seen again today' }, { confirmedBy: 'Me' });
    expect(commented.ok, commented.error).toBe(true);
    expect(s.gh.repo('acme/web').issues.find((i) => i.number === number)!.comments.map((c) => c.body)).toEqual(['Seen again today']);

    const audit = await s.t.call<AuditEntry[]>('audit.list', { workspaceId: s.workspaceId, actorId: s.dh.id });
    const dispatches = audit.filter((a) => a.action === 'tool.github_dispatch_workflow');
    expect(dispatches.map((a) => a.outcome).sort()).toEqual(['allowed', 'denied']);
    expect(dispatches.every((a) => a.resource === 'github/acme/web/actions/workflows/deploy.yml')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(GITHUB_TOKEN);
  });

  it('reports deployment status per environment', async () => {
    const s = await githubSetup();
    s.gh.addDeployment('acme/web', { ref: 'main', environment: 'production', states: ['in_progress', 'success'] });
    const id = s.gh.addDeployment('acme/web', { ref: 'main', environment: 'staging', states: ['in_progress', 'failure'] });
    const out = await s.callTool('github_deployment_status', { repo: 'acme/web', environment: 'staging' });
    expect(out.result).toEqual([expect.objectContaining({ id, environment: 'staging', state: 'failure' })]);
  });

  it('waits out a short rate limit once, and refuses clearly when the wait is long', async () => {
    const s = await githubSetup();
    s.gh.addIssue('acme/web', { title: 'One' });
    s.gh.rateLimitNext({ status: 429, retryAfter: 1 });
    const started = Date.now();
    const waited = await s.callTool('github_list_issues', { repo: 'acme/web' });
    expect(waited.ok, waited.error).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    s.gh.rateLimitNext({ status: 403, resetInSeconds: 3600 });
    const refused = await s.callTool('github_list_issues', { repo: 'acme/web' });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/rate limit is reached.*Try again in 3[56]\d\d s/);
  });

  it('puts the connection in a reconnect state when GitHub says the token is revoked', async () => {
    const s = await githubSetup();
    s.gh.revoke(GITHUB_TOKEN);
    const out = await s.callTool('github_list_issues', { repo: 'acme/web' });
    expect(out.ok).toBe(false);
    expect(out.error).toContain('GitHub needs to be connected again');
    expect(out.error).toContain('Bad credentials');
    const [view] = await s.t.call<{ state: string; reason: string }[]>('connector.list', { workspaceId: s.workspaceId });
    expect(view).toMatchObject({ state: 'reconnect', reason: expect.stringContaining('revoked') });
    // Later calls fail fast without sending the dead token again.
    const before = s.gh.requests.length;
    expect((await s.callTool('github_list_issues', { repo: 'acme/web' })).error).toContain('connected again');
    expect(s.gh.requests.length).toBe(before);
    // A rotated token brings it back.
    s.gh.addToken('ghp_newToken9876543210fedcba', 'octo-admin');
    await s.t.call('connector.rotate', { workspaceId: s.workspaceId, connector: 'github', token: 'ghp_newToken9876543210fedcba' });
    expect((await s.callTool('github_list_issues', { repo: 'acme/web' })).ok).toBe(true);
  });

  it('fails fast with a clear reason when GitHub cannot be reached', async () => {
    const s = await githubSetup();
    await s.gh.close();
    const started = Date.now();
    const out = await s.callTool('github_list_workflow_runs', { repo: 'acme/web' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(out.ok).toBe(false);
    expect(out.error).toMatch(/GitHub \(127\.0\.0\.1:\d+\) cannot be reached: ECONNREFUSED.*offline; nothing was done/);
  });

  it("never uses workspace A's token for workspace B", async () => {
    const s = await githubSetup();
    const b = await secondWorkspace(s);
    // B has no GitHub: its DH has no GitHub tool at all, whatever it asks.
    const fromB = await s.callTool('github_list_issues', { repo: 'acme/web' }, { workspaceId: b.workspaceId, dh: b.dh });
    expect(fromB).toMatchObject({ ok: false, error: expect.stringContaining('no tool named') });
    expect(s.gh.requests).toHaveLength(1); // only A's connection check
    // B connects its own account: each workspace's calls carry its own token.
    const ghB = await startFakeGithub({ tokens: { ghp_workspaceBtoken000000000: 'client-b' } });
    await s.t.call('connector.add', { workspaceId: b.workspaceId, connector: 'github', apiUrl: ghB.apiUrl, auth: { kind: 'token', token: 'ghp_workspaceBtoken000000000' } });
    expect((await s.callTool('github_list_issues', { repo: 'acme/web' }, { workspaceId: b.workspaceId, dh: b.dh })).ok).toBe(true);
    expect((await s.callTool('github_list_issues', { repo: 'acme/web' })).ok).toBe(true);
    expect(ghB.requests.every((r) => r.authorization === 'Bearer ghp_workspaceBtoken000000000')).toBe(true);
    expect(s.gh.requests.every((r) => r.authorization === `Bearer ${GITHUB_TOKEN}`)).toBe(true);
    const views = await s.t.call<{ account: string }[]>('connector.list', { workspaceId: b.workspaceId });
    expect(JSON.stringify(views)).not.toContain(GITHUB_TOKEN);
    expect(views[0]!.account).toBe('client-b');
  });
});
