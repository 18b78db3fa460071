/**
 * `renderer_dom_nodes_100k_room`: the most DOM nodes while scrolling a room
 * of 100,000 messages from its latest page to its first message, in Debian's
 * Chromium against the browser host (the real core and the built renderer;
 * built here first when `out/renderer` is missing).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../fixtures/launchChromium';
import { domNodeCount, openRooms } from '../fixtures/roomsSession';
import { seedRoom } from '../fixtures/seedRoom';
import { walkTimelineToTop, type TimelineWalk } from '../fixtures/walkTimelineToTop';
import { logProgress } from './logProgress';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MESSAGES = 100_000;

export interface RendererDomBench extends TimelineWalk {
  messages: number;
  nodesOnOpen: number;
}

export async function benchRendererDom(dataDir: string): Promise<RendererDomBench> {
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    logProgress('renderer: building it first…');
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  logProgress(`renderer: seeding a room of ${MESSAGES} messages…`);
  const seeded = await seedRoom(dataDir, 'firehose', MESSAGES);
  const browser = await launchChromium();
  try {
    const session = await openRooms(browser, dataDir);
    try {
      await session.page.locator(`[data-testid="message-${seeded.lastId}"]`).waitFor({ timeout: 60_000 });
      const nodesOnOpen = await domNodeCount(session.page);
      logProgress('renderer: scrolling to the first message…');
      const walk = await walkTimelineToTop(session.page, 480_000);
      if (walk.rowsAtEnd !== MESSAGES) throw new Error(`the walk ended with ${walk.rowsAtEnd} of ${MESSAGES} rows loaded`);
      return { ...walk, messages: MESSAGES, nodesOnOpen };
    } finally {
      await session.close();
    }
  } finally {
    await browser.close();
  }
}
