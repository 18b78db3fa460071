import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../common/Logger';
import {
  DEFAULT_WINDOW_STATE,
  MIN_WINDOW_WIDTH,
  fitWindowState,
  readWindowState,
  writeWindowState,
  type Rect,
} from './windowState';

let dir: string;
let warnings: string[];
const log: Logger = (level, msg) => {
  if (level !== 'info') warnings.push(msg);
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-window-state-'));
  warnings = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readWindowState / writeWindowState', () => {
  it('reopens the window where and as big as it was', () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    writeWindowState(file, { x: 40, y: 30, width: 1400, height: 900, maximized: true });
    expect(readWindowState(file, log)).toEqual({ x: 40, y: 30, width: 1400, height: 900, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('opens with the defaults on first run, without a warning', () => {
    expect(readWindowState(path.join(dir, 'missing.json'), log)).toEqual(DEFAULT_WINDOW_STATE);
    expect(warnings).toEqual([]);
  });

  it('opens with the defaults when the file is corrupt or tampered with, and says so in the log', () => {
    const file = path.join(dir, 'window-state.json');
    for (const text of ['{"width": 12', '{"width":"big","height":900,"maximized":false}', '{"x":10,"width":1200,"height":800,"maximized":false}', '[]']) {
      fs.writeFileSync(file, text);
      expect(readWindowState(file, log), text).toEqual(DEFAULT_WINDOW_STATE);
    }
    expect(warnings).toHaveLength(4);
  });
});

describe('fitWindowState', () => {
  const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 };
  const monitor: Rect = { x: 1440, y: 0, width: 2560, height: 1440 };

  it('keeps a window on the second monitor while that monitor is there', () => {
    const state = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false };
    expect(fitWindowState(state, [laptop, monitor])).toEqual(state);
  });

  it('brings a window back to the primary display when its monitor was unplugged', () => {
    const state = { x: 1600, y: 100, width: 1800, height: 1000, maximized: true };
    expect(fitWindowState(state, [laptop])).toEqual({ width: 1440, height: 875, maximized: true });
  });

  it('re-centres a window whose title bar is above the screen', () => {
    expect(fitWindowState({ x: 100, y: -400, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('never makes a window smaller than the layout allows, even on a tiny display', () => {
    const tiny: Rect = { x: 0, y: 0, width: 640, height: 400 };
    expect(fitWindowState(DEFAULT_WINDOW_STATE, [tiny]).width).toBe(MIN_WINDOW_WIDTH);
  });
});
