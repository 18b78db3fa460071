// The DevOps assistant deploys through GitHub connected by OAuth, at the
// core: the connection is made in the "browser" the core opens (an HTTP
// client following the authorization URL, against the fake authorization
// server), the grant sits in the real OS keychain, a mention asks "deploy
// main to staging", the dispatch waits for the person's approval, runs once
// approved, and the next turn reports the run's status from GitHub. When
// the person revokes the app at the provider, the connection asks to be
// connected again.
import { describe, expect, it } from 'vitest';
import type { AgentApprovalView, DigitalHuman, Message, MessagePage, Room } from '../../src-main/common/contract';
import { createCore } from '../../src-main/core/createCore';
import { FAST_AGENTS, TEST_API_KEY, chatRequests } from '../fixtures/agentSetup';
import { startFakeGithub } from '../fixtures/fakeGithubServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { startFakeOpenAi, type RecordedRequest } from '../fixtures/fakeOpenAiServer';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

type Body = { messages: { role: string; content: string | null }[] };

describe('DevOps assistant with GitHub over OAuth', () => {
  it('deploys main to staging once the person approves, then reports the run; a revoked app goes to reconnect', async (ctx) => {
    keychain.skipWithout(ctx);
    const as = await startFakeOAuthServer();
    const gh = await startFakeGithub({ acceptToken: (t) => as.validAccessToken(t) });
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    const opened: string[] = [];
    const core = await createCore({
      dataDir: makeTempDir(),
      secretStore: store,
      shell: 'cli',
      log: () => undefined,
      agents: FAST_AGENTS,
      openExternal: async (url) => {
        opened.push(url);
        await fetch(url);
      },
    });
    const call = async <T,>(channel: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as T;
    };
    const [ws] = await call<{ id: string }[]>('workspace.list', {});
    const workspaceId = ws!.id;
    try {
      await call('provider.set', { workspaceId, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: TEST_API_KEY });
      const p = as.provider;
      const view = await call<{ state: string; auth: string }>('connector.add', {
        workspaceId,
        connector: 'github',
        apiUrl: gh.apiUrl,
        auth: { kind: 'oauth', clientId: p.clientId, authorizationEndpoint: p.authorizationEndpoint, tokenEndpoint: p.tokenEndpoint, revocationEndpoint: p.revocationEndpoint },
      });
      expect(view).toMatchObject({ state: 'connected', auth: 'oauth' });
      expect(opened).toHaveLength(1);
      const robin = await call<DigitalHuman>('dh.create', { workspaceId, template: 'devops-assistant' });
      expect(robin.tools).toContain('connectors');
      const room = await call<Room>('room.create', { workspaceId, name: 'deploys', memberIds: [robin.id] });

      llm.reply({ toolCalls: [{ name: 'github_dispatch_workflow', arguments: JSON.stringify({ repo: 'acme/web', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } }) }] });
      llm.reply('The deploy of main to staging waits for your approval.');
      const ask = await call<Message>('message.post', { workspaceId, roomId: room.id, text: '@robin deploy main to staging' });
      expect((await core.agents.waitFor(workspaceId, robin.id, ask.id, 20_000))?.state).toBe('done');
      expect(gh.repo('acme/web').dispatches).toEqual([]);
      const [held] = await call<AgentApprovalView[]>('agent.approvals', { workspaceId });
      expect(held).toMatchObject({ tool: 'github_dispatch_workflow', state: 'pending' });

      const done = await call<AgentApprovalView>('agent.decide', { workspaceId, approvalId: held!.id, decision: 'approve' });
      expect(done.state).toBe('done');
      expect(gh.repo('acme/web').dispatches).toEqual([{ workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } }]);

      // GitHub starts the run; asked how it went, the assistant reads it (a read: no approval).
      const runId = gh.addRun('acme/web', { name: 'Deploy', branch: 'main', status: 'completed', conclusion: 'success' });
      llm.reply({ toolCalls: [{ name: 'github_list_workflow_runs', arguments: JSON.stringify({ repo: 'acme/web', branch: 'main', limit: 1 }) }] });
      llm.reply((req: RecordedRequest) => {
        const tool = (req.body as Body).messages.filter((m) => m.role === 'tool').at(-1)?.content ?? '';
        return tool.includes(`"id":${runId}`) && tool.includes('"conclusion":"success"') ? `Run ${runId} (Deploy, main): success.` : 'I could not read the run.';
      });
      const status = await call<Message>('message.post', { workspaceId, roomId: room.id, text: '@robin how did the deploy go?' });
      expect((await core.agents.waitFor(workspaceId, robin.id, status.id, 20_000))?.state).toBe('done');
      const texts = (await call<MessagePage>('message.list', { workspaceId, roomId: room.id, limit: 200 })).messages.map((m) => m.text);
      expect(texts).toContain(`Run ${runId} (Deploy, main): success.`);
      expect(await call<AgentApprovalView[]>('agent.approvals', { workspaceId })).toHaveLength(1);
      // Every GitHub request carried a live access token from the OAuth server, never a refresh token.
      expect(gh.requests.every((r) => as.validAccessToken(r.authorization!.replace('Bearer ', '')))).toBe(true);
      expect(JSON.stringify(chatRequests(llm).map((r) => r.body))).not.toMatch(/at_[0-9a-f]{32}|rt_[0-9a-f]{32}/);

      // The person revokes the app at the provider: the next check says to connect again, and the list shows it.
      as.revokeAll();
      const test = await call<{ ok: boolean; errorCode: string; message: string }>('connector.test', { workspaceId, connector: 'github' });
      expect(test).toMatchObject({ ok: false, errorCode: 'NOT_SIGNED_IN', message: expect.stringContaining('GitHub needs to be connected again') });
      expect((await call<{ state: string }[]>('connector.list', { workspaceId }))[0]!.state).toBe('reconnect');
      const grant = JSON.parse((await store.get(workspaceId, 'connector:github:oauth'))!) as Record<string, unknown>;
      expect(grant).toMatchObject({ state: 'reconnect' });
      expect(grant).not.toHaveProperty('refreshToken');
    } finally {
      await core.close();
      await store.deleteNamespace(workspaceId);
    }
  });
});
