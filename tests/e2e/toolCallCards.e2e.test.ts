/**
 * End to end: a digital human answers with GitHub's help (a fake GitHub
 * API and a fake model over real HTTP, the real core of the browser host):
 * its reply shows a compact card of the read it made ("Listed open issues
 * in acme/api", 2 results, done, its duration), whose details hold the
 * arguments and the result as plain text (an issue title holding HTML and
 * Markdown shows as typed, never as markup). A reply with three calls (one
 * refused by a rule, one failed) folds them into one line saying so. A
 * workflow dispatch waits for approval; approved in the room, it runs and
 * the digital human's follow-up reply shows the run's card ("after
 * approval", done, the result), while the approval card says who approved
 * and how long it ran, with a button to that card; denied, it says who
 * denied and nothing runs. The same in French. Screenshots and axe at 1280
 * and 1024 px, light and dark.
 * Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Message, Room } from '../../src-main/common/contract';
import { TEST_API_KEY } from '../fixtures/agentSetup';
import { checkViews } from '../fixtures/checkViews';
import { startFakeGithub } from '../fixtures/fakeGithubServer';
import { startFakeOpenAi, type FakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

/** Asks `dh` in `roomId` and waits for its reply to be done; returns the reply's id. */
async function ask(page: Page, llm: FakeOpenAi, workspaceId: string, roomId: string, text: string, answer: string): Promise<string> {
  await invokeIn<Message>(page, 'message.post', { workspaceId, roomId, text });
  const body = page.locator('[data-testid^="message-body-"]', { hasText: answer });
  await body.waitFor({ timeout: 30_000 });
  return (await body.getAttribute('data-testid'))!.replace('message-body-', '');
}

describe('tool-call cards under a digital human’s reply', () => {
  it('shows what the digital human read, with its outcome, duration and details as plain text, and the run of an approved write', { timeout: 300_000 }, async () => {
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    const gh = await startFakeGithub({ tokens: { ghp_e2e_ops_token: 'ops-bot' } });
    const broken = gh.addIssue('acme/api', { title: 'Broken build on <b>main</b> **now**' });
    const flaky = gh.addIssue('acme/api', { title: 'Flaky login test' });
    gh.addIssue('acme/api', { title: 'Old bug', state: 'closed' });
    const { page } = await rooms.open(makeTempDir('qwanyx-tool-cards-e2e-'));
    const workspaceId = (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
    await invokeIn(page, 'provider.set', { workspaceId, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: TEST_API_KEY });
    await invokeIn(page, 'connector.add', { workspaceId, connector: 'github', apiUrl: gh.apiUrl, auth: { kind: 'token', token: 'ghp_e2e_ops_token' } });
    const dh = await invokeIn<DigitalHuman>(page, 'dh.create', { workspaceId, name: 'Ops', handle: 'ops', tools: ['connectors'], memoryEnabled: false });
    const room = await invokeIn<Room>(page, 'room.create', { workspaceId, name: 'triage', memberIds: [dh.id] });
    await page.locator(`[data-testid="room-item-${room.id}"]`).click();

    // One read: one open card line.
    llm.reply({ toolCalls: [{ name: 'github_list_issues', arguments: JSON.stringify({ repo: 'acme/api' }) }] }, 'Two issues are open in acme/api.');
    const first = await ask(page, llm, workspaceId, room.id, '@ops what is open in acme/api?', 'Two issues are open in acme/api.');
    const card = page.locator(`[data-testid="tool-call-${first}-0"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute('data-outcome')).toBe('ok');
    expect(await page.locator(`[data-testid="tool-call-action-${first}-0"]`).textContent()).toBe('Listed open issues in acme/api');
    const line = (await card.locator('summary').textContent()) ?? '';
    expect(line).toContain('2 results');
    expect(line).toContain('done');
    expect(line).toMatch(/\d+(\.\d)? (ms|s)$/);
    // The details: the arguments and the result, as plain text (no markup made of an issue's title).
    await card.locator('summary').click();
    const facts = await card.locator('dl').textContent();
    expect(facts).toContain('github_list_issues');
    expect(facts).toContain('{"repo":"acme/api"}');
    expect(await page.locator(`[data-testid="tool-call-result-${first}-0"]`).textContent()).toBe(`#${broken} Broken build on <b>main</b> **now** (open); #${flaky} Flaky login test (open)`);
    expect(await card.locator('b, strong').count()).toBe(0);
    expect(await checkViews(page, 'tool-call-card', `[data-testid="tool-calls-${first}"]`)).toEqual([]);

    // Three calls: folded into one line that says one was not done; a rule refuses the tool the DH does not have, GitHub has no pull request 99.
    llm.reply(
      {
        toolCalls: [
          { id: 'c1', name: 'github_get_issue', arguments: JSON.stringify({ repo: 'acme/api', number: flaky }) },
          { id: 'c2', name: 'task_list', arguments: '{}' },
          { id: 'c3', name: 'github_get_pull_request', arguments: JSON.stringify({ repo: 'acme/api', number: 99 }) },
        ],
      },
      'That one is the flaky login test.',
    );
    const second = await ask(page, llm, workspaceId, room.id, `@ops tell me about issue ${flaky}`, 'That one is the flaky login test.');
    const summary = page.locator(`[data-testid="tool-calls-summary-${second}"]`);
    await summary.waitFor({ timeout: 15_000 });
    expect(await summary.textContent()).toBe('Ops used 3 tools · 2 not done');
    expect(await page.locator(`[data-testid="tool-call-${second}-0"]`).isVisible()).toBe(false);
    await summary.click();
    expect(await page.locator(`[data-testid="tool-call-action-${second}-0"]`).textContent()).toBe(`Read issue acme/api#${flaky}: open`);
    expect(await page.locator(`[data-testid="tool-call-${second}-1"]`).getAttribute('data-outcome')).toBe('refused');
    expect(await page.locator(`[data-testid="tool-call-${second}-1"] summary`).textContent()).toContain('Listed its tasks');
    expect(await page.locator(`[data-testid="tool-call-${second}-1"] summary`).textContent()).toContain('refused by a rule');
    expect(await page.locator(`[data-testid="tool-call-${second}-2"]`).getAttribute('data-outcome')).toBe('failed');
    expect(await page.locator(`[data-testid="tool-call-action-${second}-2"]`).textContent()).toBe('Read pull request acme/api#99');
    expect(await page.locator(`[data-testid="tool-call-${second}-2"] summary`).textContent()).toContain('failed: ');
    await page.locator(`[data-testid="tool-call-${second}-1"] summary`).click();
    expect(await page.locator(`[data-testid="tool-call-${second}-1"] dl`).textContent()).toContain('not enabled for Ops');
    expect(await checkViews(page, 'tool-call-group', `[data-testid="tool-calls-${second}"]`)).toEqual([]);

    // A write waits for approval; approved here, its run shows as a card under the DH's follow-up reply.
    await invokeIn(page, 'profile.update', { displayName: 'Ada Veyra', email: '' });
    const dispatch = { repo: 'acme/api', workflow: 'deploy.yml', ref: 'main' };
    llm.reply({ toolCalls: [{ name: 'github_dispatch_workflow', arguments: JSON.stringify(dispatch) }] }, 'The deploy waits for your approval.');
    const third = await ask(page, llm, workspaceId, room.id, '@ops deploy main', 'The deploy waits for your approval.');
    const pending = page.locator(`[data-testid="approvals-${third}"] [data-state="pending"]`);
    await pending.waitFor({ timeout: 15_000 });
    const approvalId = (await pending.getAttribute('data-testid'))!.replace('approval-', '');
    expect(gh.repo('acme/api').dispatches).toEqual([]);
    await page.click(`[data-testid="approval-approve-${approvalId}"]`);
    const approval = page.locator(`[data-testid="approval-${approvalId}"]`);
    await expect.poll(() => approval.getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect(gh.repo('acme/api').dispatches).toHaveLength(1);
    const run = page.locator(`[data-approval="${approvalId}"]`);
    await run.waitFor({ timeout: 15_000 });
    expect(await run.getAttribute('data-outcome')).toBe('ok');
    const runId = (await run.getAttribute('data-testid'))!.replace('tool-call-', '').replace(/-0$/, '');
    expect(runId).not.toBe(third);
    expect(await page.locator(`[data-testid="tool-call-action-${runId}-0"]`).textContent()).toBe('Started the workflow deploy.yml on main');
    expect(await run.locator('summary').textContent()).toContain('after approval');
    expect(await page.locator(`[data-testid="message-body-${runId}"]`).textContent()).toContain('Done: github_dispatch_workflow, as Ada Veyra approved');
    const by = page.locator(`[data-testid="approval-by-${approvalId}"]`);
    await expect.poll(() => by.textContent(), { timeout: 10_000 }).toMatch(/^Approved by Ada Veyra · ran in \d+(\.\d)? (ms|s)Show the result$/);
    await page.click(`[data-testid="approval-show-run-${approvalId}"]`);
    await approval.scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator(`[data-testid="tool-call-result-${runId}-0"]`).isVisible()).toBe(true);
    expect(await page.locator(`[data-testid="tool-call-result-${runId}-0"]`).textContent()).toContain('dispatched: true');
    expect(await checkViews(page, 'tool-call-approved-run', `[data-testid="approvals-${third}"], [data-testid="tool-calls-${runId}"]`)).toEqual([]);

    // Denied: the card says who denied, and nothing runs.
    llm.reply({ toolCalls: [{ name: 'github_dispatch_workflow', arguments: JSON.stringify(dispatch) }] }, 'This deploy waits for your approval too.');
    const fourth = await ask(page, llm, workspaceId, room.id, '@ops deploy main again', 'This deploy waits for your approval too.');
    const pendingAgain = page.locator(`[data-testid="approvals-${fourth}"] [data-state="pending"]`);
    await pendingAgain.waitFor({ timeout: 15_000 });
    const deniedId = (await pendingAgain.getAttribute('data-testid'))!.replace('approval-', '');
    await page.click(`[data-testid="approval-deny-${deniedId}"]`);
    await expect.poll(() => page.locator(`[data-testid="approval-${deniedId}"]`).getAttribute('data-state'), { timeout: 10_000 }).toBe('denied');
    expect(await page.locator(`[data-testid="approval-by-${deniedId}"]`).textContent()).toBe('Denied by Ada Veyra');
    expect(await page.locator(`[data-approval="${deniedId}"]`).count()).toBe(0);
    expect(gh.repo('acme/api').dispatches).toHaveLength(1);
    await page.locator(`[data-testid="approval-${deniedId}"]`).scrollIntoViewIfNeeded();
    expect(await checkViews(page, 'tool-call-denied', `[data-testid="approvals-${fourth}"]`)).toEqual([]);

    // In French.
    await invokeIn(page, 'settings.update', { language: 'fr' });
    await expect.poll(() => page.locator(`[data-testid="tool-call-action-${first}-0"]`).textContent(), { timeout: 10_000 }).toBe('A listé les tickets ouverts de acme/api');
    expect(await summary.textContent()).toBe('Ops a utilisé 3 outils · 2 non aboutis');
    expect(await page.locator(`[data-testid="tool-call-${second}-1"] summary`).textContent()).toContain('refusé par une règle');
    expect(await checkViews(page, 'tool-call-group-fr', `[data-testid="tool-calls-${second}"]`)).toEqual([]);
    expect(await by.textContent()).toMatch(/^Approuvé par Ada Veyra · exécuté en .+Voir le résultat$/);
    expect(await run.locator('summary').textContent()).toContain('après accord');
    expect(await page.locator(`[data-testid="approval-by-${deniedId}"]`).textContent()).toBe('Refusé par Ada Veyra');
    await run.scrollIntoViewIfNeeded();
    expect(await checkViews(page, 'tool-call-approved-run-fr', `[data-testid="approvals-${third}"], [data-testid="tool-calls-${runId}"]`)).toEqual([]);
  });
});
