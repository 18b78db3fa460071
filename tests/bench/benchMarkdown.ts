/**
 * `markdown_render_ms_p95`: parsing and rendering one 2 kB GitHub-flavoured
 * message (a table, a task list, a highlighted code block, links, emphasis)
 * with the renderer's own `MarkdownView`, to markup through React's server
 * renderer (the work a message row does: parse, build elements, highlight).
 * The highlighter is loaded first, as it is after the first code block.
 * React runs its production build, as in the built renderer (the
 * development build's checks cost several times the work measured).
 */
import { percentile } from './percentile';
import { timeMs } from './timeMs';

const WARMUP = 200;
const RUNS = 2_000;
const TARGET_BYTES = 2_048;

/** A message of about 2 kB, varied by `n` so no run reuses a cached parse. */
export function gfmMessage(n: number): string {
  const head = `## Weekly status ${n}\n\nHi @ada, here is the **summary** for _Acme_ (see https://example.com/report/${n} and ~~the old plan~~).\n\n`;
  const table = `| Task | Owner | Hours | Status |\n|:-----|:------|------:|:------:|\n${[1, 2, 3, 4, 5].map((i) => `| Item ${i + n} | @bob | ${i * 3} | ${i % 2 ? '**done**' : '`open`'} |`).join('\n')}\n\n`;
  const tasks = '- [x] send the invoice\n- [ ] call the client about `v2`\n- [ ] review #general\n\n';
  const code = `\`\`\`ts\nexport function total(rows: { hours: number }[]): number {\n  // sum of hours, ${n}\n  return rows.reduce((sum, row) => sum + row.hours, 0);\n}\nconst limit = ${n % 100};\nif (total([]) > limit) throw new Error("over budget");\n\`\`\`\n\n`;
  let text = head + table + tasks + code;
  const filler = '> Notes: keep the *scope* tight, and write to [the team](https://example.com/team) when done. ';
  while (text.length + filler.length <= TARGET_BYTES) text += filler;
  return text.padEnd(TARGET_BYTES, '.');
}

export interface MarkdownBench {
  messageBytes: number;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export async function benchMarkdown(): Promise<MarkdownBench> {
  process.env.NODE_ENV ??= 'production';
  const { createElement } = await import('react');
  const { renderToStaticMarkup } = await import('react-dom/server');
  const { loadHighlighter } = await import('../../src-renderer/lib/markdown/CodeBlock');
  const { MarkdownView } = await import('../../src-renderer/lib/markdown/MarkdownView');
  await loadHighlighter();
  const render = (n: number): string => renderToStaticMarkup(createElement(MarkdownView, { text: gfmMessage(n) }));
  const sample = render(0);
  if (!sample.includes('<table') || !sample.includes('hljs-keyword') || !sample.includes('md-task')) throw new Error('the bench message did not render a table, highlighted code and a task list');
  for (let i = 0; i < WARMUP; i++) render(i);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(timeMs(() => render(WARMUP + i)));
  return { messageBytes: Buffer.byteLength(gfmMessage(0)), runs: RUNS, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), p99Ms: percentile(samples, 99) };
}
