/**
 * Size, position and maximized state of the main window, remembered between
 * runs in `<dataDir>/window-state.json`.
 *
 * Format (JSON): `{ "x"?: int, "y"?: int, "width": int, "height": int, "maximized": bool }`.
 * `x`/`y` are absent when the window was never placed (the OS centres it).
 * The file is read through a zod schema: a missing, unreadable or corrupt
 * file gives the defaults, never an error, since a window must open anyway.
 *
 * No 'electron' import here, so this is tested under plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../common/Logger';

/** Name of the file, inside the data dir. */
export const WINDOW_STATE_FILE = 'window-state.json';
/** Smallest window the layout is designed for. */
export const MIN_WINDOW_WIDTH = 720;
/** Smallest window the layout is designed for. */
export const MIN_WINDOW_HEIGHT = 480;
/** How much of a window must overlap a display for it to count as visible. */
const MIN_VISIBLE = { width: 120, height: 60 };

const coordinate = z.number().int().min(-100_000).max(100_000);
const windowStateSchema = z
  .object({
    x: coordinate.optional(),
    y: coordinate.optional(),
    width: z.number().int().min(MIN_WINDOW_WIDTH).max(100_000),
    height: z.number().int().min(MIN_WINDOW_HEIGHT).max(100_000),
    maximized: z.boolean(),
  })
  .refine((s) => (s.x === undefined) === (s.y === undefined), 'x and y go together');

/** Where and how big the main window is. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** A rectangle in screen coordinates, as Electron's `Display.workArea` gives it. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** First-run window: roomy on a laptop, centred by the OS. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** Reads the remembered state; defaults when the file is missing or not valid. */
export function readWindowState(file: string, log: Logger): WindowState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log('warn', 'Cannot read the window state; using defaults', err);
    return { ...DEFAULT_WINDOW_STATE };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    log('warn', 'The window state file is not JSON; using defaults', err);
    return { ...DEFAULT_WINDOW_STATE };
  }
  const parsed = windowStateSchema.safeParse(json);
  if (!parsed.success) {
    log('warn', 'The window state file is not valid; using defaults', parsed.error.issues);
    return { ...DEFAULT_WINDOW_STATE };
  }
  return parsed.data;
}

/**
 * Writes the state through a temporary file and a rename, so a crash while
 * writing leaves the previous file whole rather than a truncated one.
 */
export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  fs.renameSync(tmp, file);
}

/**
 * Keeps the window on a display that exists now: a monitor unplugged since
 * the last run must not leave the window off screen. A window that overlaps
 * no work area enough is re-centred (x/y dropped); its size is capped to the
 * work area it lands on.
 */
export function fitWindowState(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (primary === undefined) return { ...state };

  const { x, y } = state;
  const home =
    x !== undefined && y !== undefined ? workAreas.find((area) => titleBarVisible(x, y, state.width, area)) : undefined;
  const area = home ?? primary;
  const width = Math.max(MIN_WINDOW_WIDTH, Math.min(state.width, area.width));
  const height = Math.max(MIN_WINDOW_HEIGHT, Math.min(state.height, area.height));
  if (home === undefined) return { width, height, maximized: state.maximized };
  return { x, y, width, height, maximized: state.maximized };
}

/** The top edge, where the title bar is, must be on the area and wide enough to grab. */
function titleBarVisible(x: number, y: number, width: number, area: Rect): boolean {
  const overlap = Math.min(x + width, area.x + area.width) - Math.max(x, area.x);
  return overlap >= MIN_VISIBLE.width && y >= area.y && y <= area.y + area.height - MIN_VISIBLE.height;
}
