/**
 * `palette_keystroke_ms_p95`: the work one keystroke in the command palette
 * does with 10,000 items (4,000 rooms, 1,000 digital humans, 3,000 tasks,
 * 2,000 knowledge documents): rank every item against the query typed so
 * far and render the shown list (`rankPalette` and `PaletteList`, the
 * palette's own code, React's production build). Items are folded once when
 * the palette opens, as in the app (`palette_open_ms` reports that).
 * Queries are typed a character at a time.
 */
import type { PaletteItem as Item } from '../../src-renderer/features/rooms/palette/paletteTypes';
import { percentile } from './percentile';
import { timeMs } from './timeMs';

const ROOMS = 4_000;
const DHS = 1_000;
const TASKS = 3_000;
const DOCUMENTS = 2_000;
const QUERIES = ['quarterly report acme', 'nova', 'gnrl', 'connect a model', 'invoice 2041', 'zzz no match'];
const ROUNDS = 12;

export interface PaletteBench {
  items: number;
  keystrokes: number;
  openMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

const CLIENTS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne'];
const TOPICS = ['invoice', 'quarterly report', 'launch', 'hiring', 'roadmap', 'support', 'legal review', 'budget'];

export async function benchPalette(): Promise<PaletteBench> {
  process.env.NODE_ENV ??= 'production';
  const { createElement } = await import('react');
  const { renderToStaticMarkup } = await import('react-dom/server');
  const { preparePalette, rankPalette } = await import('../../src-renderer/features/rooms/palette/rankPalette');
  const { PaletteList } = await import('../../src-renderer/features/rooms/palette/PaletteList');

  const name = (n: number): string => `${CLIENTS[n % CLIENTS.length]} ${TOPICS[(n >> 3) % TOPICS.length]} ${n}`;
  const make = (group: Item['group'], count: number, label: (n: number) => string): Item[] =>
    Array.from({ length: count }, (_, n) => ({ id: `${group}-${n}`, group, label: label(n), detail: group, icon: null, run: () => undefined }));
  const items: Item[] = [
    ...make('rooms', ROOMS, (n) => `#${name(n).toLowerCase().replaceAll(' ', '-')}`),
    ...make('dhs', DHS, (n) => `Nova ${CLIENTS[n % CLIENTS.length]} ${n}`),
    ...make('tasks', TASKS, (n) => `Draft the ${name(n)}`),
    ...make('documents', DOCUMENTS, (n) => `${name(n)} brief.pdf`),
  ];
  let prepared = preparePalette(items);
  const openMs = timeMs(() => {
    prepared = preparePalette(items);
  });
  const keystroke = (query: string): string => renderToStaticMarkup(createElement(PaletteList, { listId: 'p', shown: rankPalette(prepared, query), selected: 0, onRun: () => undefined, onSelect: () => undefined }));
  if (!keystroke('quarterly').includes('role="option"')) throw new Error('the bench palette found nothing');
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of QUERIES) {
      for (let length = 1; length <= query.length; length++) {
        const typed = query.slice(0, length);
        const ms = timeMs(() => keystroke(typed));
        if (round > 0) samples.push(ms); // the first round warms the JIT up
      }
    }
  }
  return { items: items.length, keystrokes: samples.length, openMs, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), p99Ms: percentile(samples, 99) };
}
