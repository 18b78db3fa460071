/**
 * End to end, the way a person deploys with the DevOps assistant in the
 * browser host: GitHub connected in Settings → Connectors by signing in in
 * the browser (the sign-in link the core announces, followed in a new tab,
 * against the fake OAuth server), the assistant made from its template in
 * the New digital human dialog, "@robin deploy main to staging" typed in a
 * room's composer, the dispatch held on an approval card until Approve, the
 * fake GitHub dispatched once, then the run's status from GitHub on the card
 * of the assistant's next answer. The model is the fake OpenAI server over
 * HTTP, scripted by what each request asks. Screenshots and axe at 1280 and
 * 1024 px, light and dark. Needs `npm run build` first, and a keychain.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Room } from '../../src-main/common/contract';
import { TEST_API_KEY } from '../fixtures/agentSetup';
import { checkViews } from '../fixtures/checkViews';
import { startFakeGithub } from '../fixtures/fakeGithubServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { startGithubOAuthInSettings } from '../fixtures/githubOAuthForm';
import { startFakeOpenAi, type FakeReply, type RecordedRequest } from '../fixtures/fakeOpenAiServer';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

type Chat = { messages: { role: string; content: unknown }[] };

const DISPATCH = { repo: 'acme/web', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } };

function textOf(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content ?? '');
}

/**
 * The model's side of the conversation, by what the request asks (the
 * memory step after a turn may come at any point): the ask to deploy gets
 * the dispatch, the ask about the deploy lists the runs, and a tool's answer
 * gets a sentence about it.
 */
function devopsModel(runId: () => number | null): (req: RecordedRequest) => FakeReply {
  return (req) => {
    const messages = (req.body as Chat).messages;
    if (messages.some((m) => textOf(m.content).includes('You maintain the long-term memory of'))) return JSON.stringify({ operations: [{ op: 'NOOP' }] });
    const last = messages.at(-1);
    if (last?.role === 'tool') {
      const tool = textOf(last.content);
      const id = runId();
      if (id !== null && tool.includes(`"id":${id}`)) return tool.includes('"conclusion":"success"') ? `Run ${id} (Deploy, main): success.` : 'I could not read the run.';
      return 'The deploy of main to staging waits for your approval.';
    }
    const asked = textOf(messages.filter((m) => m.role === 'user').at(-1)?.content);
    if (asked.includes('how did the deploy go')) return { toolCalls: [{ name: 'github_list_workflow_runs', arguments: JSON.stringify({ repo: 'acme/web', branch: 'main', limit: 1 }) }] };
    if (asked.includes('deploy main to staging')) return { toolCalls: [{ name: 'github_dispatch_workflow', arguments: JSON.stringify(DISPATCH) }] };
    return 'I did not understand.';
  };
}

/** Types `@<prefix>`, takes the autocomplete's suggestion, types `rest` and sends it with Enter. */
async function mentionAndSend(page: Page, prefix: string, rest: string): Promise<void> {
  const input = page.locator('[data-testid="composer-input"]');
  await input.pressSequentially(`@${prefix}`);
  await page.locator('[data-testid="mention-suggestions"]').waitFor();
  await input.press('Tab');
  await input.pressSequentially(rest);
  await input.press('Enter');
}

describe('deploying with the DevOps assistant in the browser', () => {
  it('connects GitHub by browser sign-in, makes the assistant from its template, holds the typed deploy for approval, dispatches it once, then shows the run’s status', { timeout: 240_000 }, async () => {
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-e2e-app' });
    const gh = await startFakeGithub({ acceptToken: (token) => as.validAccessToken(token) });
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    let runId: number | null = null;
    llm.reply(...Array.from({ length: 40 }, () => devopsModel(() => runId)));
    const { page, context } = await rooms.open(makeTempDir('qwanyx-github-deploy-e2e-'));
    const workspaceId = (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
    await invokeIn(page, 'provider.set', { workspaceId, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: TEST_API_KEY });

    // 1. Settings → Connectors: GitHub by "Sign in in the browser"; the link the app shows opens the provider in a new tab.
    await page.click('[data-testid="open-settings"]');
    await page.locator('[data-testid="connectors-section"]').waitFor();
    await page.locator('#settings-section-connectors').scrollIntoViewIfNeeded();
    const github = page.locator('[data-testid="connector-github"]');
    expect(await github.getAttribute('data-state')).toBe('none');
    await startGithubOAuthInSettings(page, { provider: as.provider, apiUrl: gh.apiUrl });
    const link = page.locator('[data-testid="github-oauth-link"]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await expect.poll(() => github.getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
    await tab.close();
    expect(await page.locator('[data-testid="connector-github-facts"]').textContent()).toContain('browser sign-in');
    expect(as.liveRefreshTokens()).toHaveLength(1);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="settings-dialog"]').waitFor({ state: 'detached' });

    // 2. The DevOps assistant, from its template in the New digital human dialog.
    await page.click('[data-testid="section-dhs-add"]');
    const dialog = page.locator('[data-testid="new-dh-dialog"]');
    await dialog.waitFor();
    await page.locator('[data-testid="dh-template-devops-assistant"]').check();
    expect(await page.locator('[data-testid="dh-name"]').inputValue()).toBe('Robin');
    await page.click('[data-testid="new-dh-submit"]');
    await dialog.waitFor({ state: 'detached' });
    const [robin] = await invokeIn<DigitalHuman[]>(page, 'dh.list', { workspaceId });
    expect(robin).toMatchObject({ name: 'Robin', handle: 'robin', template: 'devops-assistant' });
    expect(robin!.tools).toContain('connectors');

    // 3. In a room with Robin, the person types the ask and sends it with Enter.
    const room = await invokeIn<Room>(page, 'room.create', { workspaceId, name: 'deploys', memberIds: [robin!.id] });
    await page.locator(`[data-testid="room-item-${room.id}"]`).click();
    await mentionAndSend(page, 'rob', 'deploy main to staging');

    // 4. The dispatch waits on an approval card; nothing reached GitHub yet.
    const pending = page.locator('[data-testid^="approval-"][data-state="pending"]').first();
    await pending.waitFor({ timeout: 30_000 });
    const text = await pending.textContent();
    expect(text).toContain('Robin wants to run workflow deploy.yml (main) on acme/web (via GitHub)');
    expect(text).toContain('It acts outside the workspace, so it waits for your approval.');
    await page.locator('[data-testid^="message-body-"]', { hasText: 'waits for your approval' }).waitFor({ timeout: 20_000 });
    expect(gh.repo('acme/web').dispatches).toEqual([]);
    expect(await checkViews(page, 'github-deploy-pending', '.approvals')).toEqual([]);
    expect(gh.repo('acme/web').dispatches).toEqual([]);

    // 5. Approve: GitHub gets exactly this one dispatch, and the follow-up carries the run's card.
    const id = (await pending.getAttribute('data-testid'))!.replace('approval-', '');
    await page.click(`[data-testid="approval-approve-${id}"]`);
    const card = page.locator(`[data-testid="approval-${id}"]`);
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect(gh.repo('acme/web').dispatches).toEqual([{ workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } }]);
    expect(await card.textContent()).toContain('Approved and done: run workflow deploy.yml (main) on acme/web (via GitHub)');
    expect(await page.locator(`[data-testid="approval-by-${id}"]`).textContent()).toMatch(/^Approved by .+ · ran in /);
    // The run's outcome is on its own card (under the follow-up), not repeated on the approval.
    expect(await page.locator(`[data-testid="approval-result-${id}"]`).count()).toBe(0);
    const dispatched = page.locator(`[data-approval="${id}"]`);
    await dispatched.waitFor({ timeout: 15_000 });
    expect(await dispatched.getAttribute('data-outcome')).toBe('ok');
    const dispatchedLine = (await dispatched.locator('summary').textContent()) ?? '';
    expect(dispatchedLine).toContain('Started the workflow deploy.yml on main');
    expect(dispatchedLine).toContain('after approval');

    // 6. GitHub starts the run; asked how it went, Robin reads it, and its card says the run's status.
    runId = gh.addRun('acme/web', { name: 'Deploy', branch: 'main', status: 'completed', conclusion: 'success' });
    await mentionAndSend(page, 'rob', 'how did the deploy go?');
    const answer = page.locator('[data-testid^="message-body-"]', { hasText: `Run ${runId} (Deploy, main): success.` });
    await answer.waitFor({ timeout: 30_000 });
    const answerId = (await answer.getAttribute('data-testid'))!.replace('message-body-', '');
    const runCard = page.locator(`[data-testid="tool-call-${answerId}-0"]`);
    await runCard.waitFor({ timeout: 15_000 });
    expect(await runCard.getAttribute('data-outcome')).toBe('ok');
    expect(await page.locator(`[data-testid="tool-call-action-${answerId}-0"]`).textContent()).toBe('Listed the workflow runs of acme/web: success');
    // Still the one dispatch: reading the run is no write and asks for no approval.
    expect(gh.repo('acme/web').dispatches).toHaveLength(1);
    expect(await page.locator('[data-testid^="approval-"][data-state="pending"]').count()).toBe(0);
    // Every GitHub request carried a live access token of the browser sign-in.
    expect(gh.requests.length).toBeGreaterThan(0);
    expect(gh.requests.every((r) => as.validAccessToken(r.authorization!.replace('Bearer ', '')))).toBe(true);
    expect(await checkViews(page, 'github-deploy-run', '[data-testid="room-view"]')).toEqual([]);
  });
});
