import { describe, expect, it } from 'vitest';
import { minimalPdf } from '../../../tests/fixtures/minimalPdf';
import { extractDocument } from './extractDocument';
import { extractHtml } from './extractHtml';
import { extractMarkdown } from './extractMarkdown';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('extracting text', () => {
  it('reads Markdown headings, paragraphs and code, without front matter', () => {
    const doc = extractMarkdown(
      ['---', 'author: x', '---', '# Handbook', '', 'Welcome **aboard**.', '', 'Setup', '-----', 'Install it.', '```sh', '# not a heading', '```', '## [Billing](http://x) rules', 'Pay on time.'].join('\n'),
    );
    expect(doc.title).toBe('Handbook');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Handbook', page: null },
      { kind: 'paragraph', text: 'Welcome **aboard**.', page: null },
      { kind: 'heading', level: 2, text: 'Setup', page: null },
      { kind: 'paragraph', text: 'Install it.', page: null },
      { kind: 'paragraph', text: '```sh\n# not a heading\n```', page: null },
      { kind: 'heading', level: 2, text: 'Billing rules', page: null },
      { kind: 'paragraph', text: 'Pay on time.', page: null },
    ]);
  });

  it('keeps only the visible text of HTML: no scripts, styles, comments or tags', () => {
    const doc = extractHtml(`<!doctype html><html><head><title>Refund &amp; returns</title><style>p{color:red}</style>
      <script>alert("x")</script></head><body><h1>Refunds</h1><!-- secret --><p>Refunds take <b>14&nbsp;days</b>.<br>Ask
      <a href="mailto:x">support</a>.</p><script type="module">fetch('https://evil')</script><h2>Caf&eacute; &#233;&#x20AC;</h2>
      <ul><li>One</li><li>Two &lt;3</li></ul><img src=x alt="A chart"><noscript>Enable JS</noscript><p>a < b and c</p></body></html>`);
    expect(doc.title).toBe('Refund & returns');
    const text = doc.blocks.map((b) => b.text).join('\n');
    expect(text).not.toMatch(/alert|fetch|color|secret|Enable JS|<b>|href/);
    expect(doc.blocks).toContainEqual({ kind: 'heading', level: 1, text: 'Refunds', page: null });
    expect(doc.blocks).toContainEqual({ kind: 'heading', level: 2, text: 'Café é€', page: null });
    expect(text).toContain('Refunds take 14 days.');
    expect(text).toContain('Ask support.');
    expect(text).toContain('Two <3');
    expect(text).toContain('A chart');
    expect(text).toContain('a < b and c');
  });

  it('reads a hostile HTML in linear time', () => {
    const started = performance.now();
    extractHtml('<a '.repeat(200_000) + '<'.repeat(200_000) + '<script>'.repeat(10_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads the text layer of a PDF with pages and headings', async () => {
    const bytes = minimalPdf(
      [
        [{ text: 'Travel policy', size: 20 }, 'Book trains for trips under four hours.', 'Flights need approval.'],
        [{ text: 'Expenses', size: 16 }, 'Meals are capped at 30 euros a day.'],
      ],
      { title: 'Company handbook' },
    );
    const { mime, document } = await extractDocument('handbook.pdf', 'application/pdf', bytes);
    expect(mime).toBe('application/pdf');
    expect(document.title).toBe('Company handbook');
    expect(document.pages).toBe(2);
    expect(document.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Travel policy', page: 1 },
      { kind: 'paragraph', text: 'Book trains for trips under four hours. Flights need approval.', page: 1 },
      { kind: 'heading', level: 2, text: 'Expenses', page: 2 },
      { kind: 'paragraph', text: 'Meals are capped at 30 euros a day.', page: 2 },
    ]);
  });

  it('refuses empty, unsupported, binary and damaged files with a clear message', async () => {
    await expect(extractDocument('notes.md', undefined, new Uint8Array())).rejects.toThrow('notes.md is empty');
    await expect(extractDocument('photo.png', 'image/png', utf8('\u0089PNG....'))).rejects.toThrow(/cannot be imported.*Markdown/);
    await expect(extractDocument('data.txt', 'text/plain', new Uint8Array([65, 0, 66, 0, 0, 1]))).rejects.toThrow('not a text file');
    await expect(extractDocument('report.pdf', 'application/pdf', utf8('hello, not a pdf'))).rejects.toThrow('damaged or is not a PDF');
    const broken = minimalPdf([['Some text']]).slice(0, 60);
    await expect(extractDocument('cut.pdf', undefined, broken)).rejects.toThrow(/cut\.pdf (is damaged|has no text layer)/);
    await expect(extractDocument('empty.pdf', undefined, minimalPdf([[]]))).rejects.toThrow('has no text layer');
    await expect(extractDocument('big.txt', undefined, new Uint8Array(20 * 1024 * 1024 + 1))).rejects.toThrow('larger than 20 MB');
  });

  it('decodes UTF-8, UTF-16 and legacy Western text', async () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
    expect((await extractDocument('a.txt', undefined, latin1)).document.blocks[0]!.text).toBe('café');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'été'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect((await extractDocument('b.txt', undefined, utf16)).document.blocks[0]!.text).toBe('été');
    expect((await extractDocument('c.markdown', undefined, utf8('\ufeff# Été\n\nok'))).document.title).toBe('Été');
  });
});
