/**
 * `cross_workspace_reply_visible_ms_p95`: a digital human's reply finished
 * in a workspace that is not on screen, then the person goes back to it:
 * the time from the click on that workspace's tile to the reply's final
 * text on screen. Debian's Chromium against the browser host (the real
 * core, the built renderer) and the fake OpenAI-compatible server; each run
 * mentions the digital human, switches to the other workspace at once,
 * waits for the job to end, then times the way back inside the page.
 */
/** The fake server's key (any printable string; the server checks it). */
const TEST_API_KEY = 'sk-bench-cross-workspace';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { launchChromium } from '../fixtures/launchChromium';
import { invokeIn, openRooms } from '../fixtures/roomsSession';
import { logProgress } from './logProgress';
import { percentile } from './percentile';

export interface CrossWorkspaceReplyBench {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

interface Job {
  state: string;
  replyId: string | null;
}

export async function benchCrossWorkspaceReply(dataDir: string, runs: number): Promise<CrossWorkspaceReplyBench> {
  const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
  const browser = await launchChromium();
  try {
    const session = await openRooms(browser, dataDir);
    const { page } = session;
    try {
      const a = (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
      await invokeIn(page, 'connection.save', { name: 'Bench', preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: TEST_API_KEY });
      const dh = await invokeIn<{ id: string }>(page, 'dh.create', { workspaceId: a, name: 'Marion', handle: 'marion', tools: [], memoryEnabled: false });
      const room = await invokeIn<{ id: string }>(page, 'room.create', { workspaceId: a, name: 'bench', memberIds: [dh.id] });
      const b = await invokeIn<{ id: string }>(page, 'workspace.create', { name: 'Elsewhere', kind: 'team' });
      await page.click(`[data-testid="workspace-tile-${a}"]`);
      await page.locator(`[data-testid="room-item-${room.id}"]`).click();
      const samples: number[] = [];
      for (let run = 0; run < runs; run++) {
        const answer = `Answer number ${run}: the renewal is due on 30 June.`;
        llm.reply({ text: answer, chunks: 4, chunkDelayMs: 20 });
        await invokeIn(page, 'message.post', { workspaceId: a, roomId: room.id, text: `@marion question ${run}?` });
        await page.click(`[data-testid="workspace-tile-${b.id}"]`);
        await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Elsewhere');
        let done: Job | undefined;
        for (let wait = 0; wait < 400 && !done; wait++) {
          // Newest first: this run's reply is the newest once run + 1 replies are done.
          const finished = (await invokeIn<Job[]>(page, 'agent.jobs', { workspaceId: a, limit: 500 })).filter((j) => j.state === 'done');
          if (finished.length === run + 1) done = finished[0];
          else await page.waitForTimeout(25);
        }
        if (!done?.replyId) throw new Error(`run ${run}: the reply did not finish`);
        // A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
        const elapsed = (await page.evaluate(`new Promise((resolve, reject) => {
          const started = performance.now();
          document.querySelector('[data-testid="workspace-tile-${a}"]').click();
          (function check() {
            if (document.querySelector('[data-testid="message-body-${done.replyId}"]')?.textContent === ${JSON.stringify(answer)}) resolve(performance.now() - started);
            else if (performance.now() - started > 10000) reject(new Error('the final text did not show'));
            else requestAnimationFrame(check);
          })();
        })`)) as number;
        samples.push(elapsed);
      }
      logProgress(`cross-workspace reply: ${samples.map((s) => Math.round(s)).join(' ')} ms`);
      return { runs, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), maxMs: Math.max(...samples) };
    } finally {
      await session.close();
    }
  } finally {
    await browser.close();
    await llm.close();
  }
}
