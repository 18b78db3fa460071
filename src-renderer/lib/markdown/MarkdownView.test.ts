import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighlighter } from './CodeBlock';
import type { MarkdownReferences } from './MarkdownView';
import { MarkdownView } from './MarkdownView';
import { safeUrl } from './safeUrl';

// Code blocks highlight in their first render once the highlighter is loaded (in the app it loads on demand).
beforeAll(async () => {
  await loadHighlighter();
});

function html(text: string, references?: MarkdownReferences): string {
  return renderToStaticMarkup(createElement(MarkdownView, { text, references }));
}

/** Every tag name in the markup. */
function tags(markup: string): string[] {
  return [...markup.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1] ?? '');
}

/** Every attribute name in the markup. */
function attributes(markup: string): string[] {
  return [...markup.matchAll(/\s([a-z-]+)="/g)].map((m) => m[1] ?? '');
}

const SAFE_TAGS = new Set(['div', 'p', 'br', 'code', 'pre', 'span', 'strong', 'em', 'del', 'a', 'blockquote', 'ul', 'ol', 'li', 'button', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input']);
const SAFE_ATTRIBUTES = new Set(['class', 'href', 'target', 'rel', 'start', 'title', 'data-language', 'data-mention', 'type', 'tabindex', 'disabled', 'readOnly', 'checked', 'aria-label']);

function expectInert(markup: string): void {
  for (const tag of tags(markup)) expect(SAFE_TAGS.has(tag), `tag <${tag}> in ${markup}`).toBe(true);
  for (const attribute of attributes(markup)) expect(SAFE_ATTRIBUTES.has(attribute), `attribute ${attribute} in ${markup}`).toBe(true);
  for (const href of markup.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^(https?:\/\/|mailto:)/);
  expect(markup).not.toMatch(/<(script|img|iframe|svg|object|embed|style|form|textarea|select|video|audio|link|meta|base)/i);
  // The only input ever drawn is a task's disabled box.
  for (const input of markup.matchAll(/<input[^>]*>/g)) expect(input[0]).toMatch(/^<input type="checkbox" class="md-task__box" disabled=""/);
}

describe('untrusted text renders inert', () => {
  const payloads = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<a href="javascript:alert(1)">click</a>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x]( javascript:alert(1) )',
    '[x](java\tscript:alert(1))',
    '[x](javascript&#58;alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](file:///etc/passwd)',
    '<javascript:alert(1)>',
    '<data:text/html,<script>alert(1)</script>>',
    'javascript:alert(1)',
    '**<svg onload=alert(1)>**',
    '`<script>alert(1)</script>`',
    '```html\n<script>alert(1)</script>\n```',
    '> <iframe src="javascript:alert(1)"></iframe>',
    '- <img src=x onerror=alert(1)>',
    '&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;img src=x onerror=alert(1)&#x3E;',
    '[<img src=x onerror=alert(1)>](https://example.com)',
    '[x](https://example.com" onclick="alert(1))',
    '[x](https://user:pass@evil.example/)',
    '![x](https://example.com/tracker.png)',
    '![x](javascript:alert(1))',
    '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
    '| <script>alert(1)</script> |\n|:-:|\n| `<svg onload=alert(1)>` |',
    '| a |\n|---|\n| x |\n{: style="background:url(javascript:alert(1))" }',
    '- [ ] <img src=x onerror=alert(1)>\n- [x] [x](javascript:alert(1))',
    '- [x] <input type="text" autofocus onfocus=alert(1)>',
    '~~<script>alert(1)</script>~~',
    '# <img src=x onerror=alert(1)>',
    'see javascript:alert(1) and data:text/html,<script>alert(1)</script>',
    '<https://ok.example/"onmouseover="alert(1)>',
    'https://ok.example/<script>alert(1)</script>',
    '[x][ref]\n\n[ref]: javascript:alert(1)',
    '[x][ref]\n\n[ref]: https://ok.example "a\\" onclick=alert(1)"',
    '```"><script>alert(1)</script>\ncode\n```',
    '```js onload=alert(1)\nconst a = "</code><script>alert(1)</script>";\n```',
    '<details open ontoggle=alert(1)>',
    '---\n<style>body{display:none}</style>',
  ];

  for (const payload of payloads) {
    it(`keeps ${JSON.stringify(payload)} as text`, () => expectInert(html(payload)));
  }

  it('shows raw HTML as the characters that were typed', () => {
    expect(html('<img src=x onerror=alert(1)>')).toBe('<div class="md"><p class="md-p">&lt;img src=x onerror=alert(1)&gt;</p></div>');
    expect(html('<script>alert(1)</script>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves a link with a refused target exactly as typed', () => {
    expect(html('[x](/relative)')).toBe('<div class="md"><p class="md-p">[x](/relative)</p></div>');
    expect(html('[x](javascript:alert(1))')).toBe('<div class="md"><p class="md-p">[x](javascript:alert(1))</p></div>');
    expect(html('[x](JaVaScRiPt:alert(1))')).not.toContain('<a');
    expect(html('[x](data:text/html,hi)')).not.toContain('<a');
  });

  it('decodes HTML entities into text, never into markup', () => {
    expect(html('&lt;b&gt;x&lt;/b&gt; &amp; &#106;')).toBe('<div class="md"><p class="md-p">&lt;b&gt;x&lt;/b&gt; &amp; j</p></div>');
    expect(html('[x](&#106;avascript:alert(1))')).not.toContain('<a');
  });

  it('keeps a code fence\'s info string out of the markup except as a data attribute', () => {
    const markup = html('```"><script>alert(1)</script>\ncode\n```');
    expect(markup).toContain('data-language="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(markup).toContain('<code>code</code>');
  });

  it('survives pathological input in linear-ish time', () => {
    const started = performance.now();
    html('*'.repeat(20_000) + '_a'.repeat(10_000) + '['.repeat(10_000) + '`'.repeat(5_000) + '>'.repeat(2_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('safeUrl', () => {
  it('accepts http, https and mailto only', () => {
    expect(safeUrl('https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d');
    expect(safeUrl('HTTP://Example.com')).toBe('http://example.com/');
    expect(safeUrl('mailto:someone@example.com')).toBe('mailto:someone@example.com');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'file:///x', '/relative', 'example.com', '', 'https://', 'qwanyx://app/']) {
      expect({ bad, url: safeUrl(bad) }).toEqual({ bad, url: null });
    }
  });
});

describe('chat Markdown', () => {
  it('renders emphasis, strong, strike and code spans', () => {
    expect(html('*a* _b_ **c** __d__ ~~e~~ `f*g*`')).toBe(
      '<div class="md"><p class="md-p"><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <del>e</del> <code>f*g*</code></p></div>',
    );
    expect(html('***both***')).toBe('<div class="md"><p class="md-p"><em><strong>both</strong></em></p></div>');
    expect(html('*a **b** c*')).toBe('<div class="md"><p class="md-p"><em>a <strong>b</strong> c</em></p></div>');
  });

  it('keeps snake_case and lone stars as text', () => {
    expect(html('snake_case_name and 2 * 3 * 4')).toBe('<div class="md"><p class="md-p">snake_case_name and 2 * 3 * 4</p></div>');
  });

  it('honours backslash escapes', () => {
    expect(html('\\*not em\\* \\`x\\`')).toBe('<div class="md"><p class="md-p">*not em* `x`</p></div>');
  });

  it('turns a newline into a line break and a blank line into a new paragraph', () => {
    expect(html('one\ntwo\n\nthree')).toBe('<div class="md"><p class="md-p">one<br/>two</p><p class="md-p">three</p></div>');
  });

  it('renders safe links, autolinks and bare URLs that open outside the app', () => {
    const markup = html('[docs](https://example.com/docs) <https://a.example> see https://b.example/x_(y). mail mailto:me@example.com');
    expect(markup).toContain('<a href="https://example.com/docs" target="_blank" rel="noopener noreferrer" class="md-link">docs</a>');
    expect(markup).toContain('<a href="https://a.example/" target="_blank" rel="noopener noreferrer" class="md-link">https://a.example</a>');
    expect(markup).toContain('>https://b.example/x_(y)</a>.');
    expect(markup).toContain('href="mailto:me@example.com"');
  });

  it('renders fenced code with highlighting, keeping the code text intact', () => {
    const markup = html('```ts\nconst a = "<b>"; // note\n```');
    expect(markup).toContain('<pre class="md-code" data-language="ts" tabindex="0"><code>');
    expect(markup).toContain('<span class="hljs-keyword">const</span>');
    expect(markup).toContain('<span class="hljs-string">&quot;&lt;b&gt;&quot;</span>');
    expect(markup).toContain('<span class="hljs-comment">// note</span>');
    // An unknown or missing language shows the code as it is.
    expect(html('```\nconst a = 1;\n```')).toContain('<code>const a = 1;</code>');
    expect(html('```klingon\nqapla\n```')).toContain('<code>qapla</code>');
  });

  it('renders GitHub tables with their column alignment', () => {
    expect(html('| Name | Hours |\n|:-----|------:|\n| **Ada** | 3 |\n| Bob | `2` |')).toBe(
      '<div class="md"><div class="md-table-wrap" tabindex="0"><table class="md-table"><thead><tr><th class="md-align-left">Name</th><th class="md-align-right">Hours</th></tr></thead>' +
        '<tbody><tr><td class="md-align-left"><strong>Ada</strong></td><td class="md-align-right">3</td></tr><tr><td class="md-align-left">Bob</td><td class="md-align-right"><code>2</code></td></tr></tbody></table></div></div>',
    );
  });

  it('renders task lists as disabled boxes named in the UI language', () => {
    const markup = html('- [ ] write the brief\n- [x] call the client\n- [y] not a task');
    expect(markup).toContain('<li class="md-task"><input type="checkbox" class="md-task__box" disabled="" readOnly="" aria-label="To do"/>write the brief</li>');
    expect(markup).toContain('aria-label="Done" checked=""/>call the client</li>');
    expect(markup).toContain('<li>[y] not a task</li>');
  });

  it('renders headings and rules, and shows an image as a link to it (a message never loads a remote resource)', () => {
    expect(html('## Plan\n\n---')).toBe('<div class="md"><h2 class="md-h">Plan</h2><hr class="md-hr"/></div>');
    expect(html('![logo](https://example.com/logo.png)')).toBe(
      '<div class="md"><p class="md-p">!<a href="https://example.com/logo.png" target="_blank" rel="noopener noreferrer" class="md-link">logo</a></p></div>',
    );
  });

  it('renders quotes and nested lists', () => {
    expect(html('- a\n  - b\n- c\n\n3. x\n4. y')).toBe(
      '<div class="md"><ul class="md-list"><li>a<ul class="md-list"><li>b</li></ul></li><li>c</li></ul><ol class="md-list" start="3"><li>x</li><li>y</li></ol></div>',
    );
    expect(html('> quoted *text*\n> more')).toBe('<div class="md"><blockquote class="md-quote"><p class="md-p">quoted <em>text</em><br/>more</p></blockquote></div>');
  });

  it('draws known mentions and rooms, and leaves unknown ones as text', () => {
    const references: MarkdownReferences = {
      mention: (handle) => (handle === 'ada' ? { label: 'Ada Veyra', self: true, digitalHuman: false } : null),
      room: (name) => (name === 'general' ? { id: 'r1', name: 'general' } : null),
      onOpenRoom: () => undefined,
    };
    const markup = html('hi @ada and @nobody, see #general and #nowhere; mail a@b.example', references);
    expect(markup).toContain('<span class="mention mention--self" title="Ada Veyra" data-mention="ada">@ada</span>');
    expect(markup).toContain('@nobody');
    expect(markup).toContain('<button type="button" class="room-link">#general</button>');
    expect(markup).toContain('#nowhere');
    expect(markup).toContain('mail a@b.example');
    // Inside a link or code, a reference is text.
    expect(html('[@ada](https://example.com) `#general`', references)).toBe(
      '<div class="md"><p class="md-p"><a href="https://example.com/" target="_blank" rel="noopener noreferrer" class="md-link">@ada</a> <code>#general</code></p></div>',
    );
    expect(html('| who |\n|---|\n| @ada. |', references)).toContain('<td><span class="mention mention--self" title="Ada Veyra" data-mention="ada">@ada</span>.</td>');
  });
});
