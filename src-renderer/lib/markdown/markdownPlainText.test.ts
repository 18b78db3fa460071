import { describe, expect, it } from 'vitest';
import { markdownPlainText } from './markdownPlainText';
import { markWords, plainSnippet } from './plainSnippet';

describe('markdownPlainText', () => {
  it('shows what a reader sees, never markup', () => {
    expect(markdownPlainText('**Invoice** for _Acme_ ~~old~~ `code` [the docs](https://example.com)')).toBe('Invoice for Acme old code the docs');
    expect(markdownPlainText('| Name | Hours |\n|---|--:|\n| **Ada** | 3 |')).toBe('Name Hours Ada 3');
    expect(markdownPlainText('# Plan\n- [ ] call\n- [x] write\n\n> quoted\n\n```js\nconst a = 1;\n```')).toBe('Plan call write quoted const a = 1;');
    expect(markdownPlainText('<b>raw</b> &amp;')).toBe('<b>raw</b> &');
  });

  it('drops delimiter halves a snippet cut off', () => {
    expect(markdownPlainText('…bold** and __half')).toBe('…bold and half');
    expect(markdownPlainText('2 * 3 * 4')).toBe('2 * 3 * 4');
  });
});

describe('plainSnippet', () => {
  it('marks the matched words in the plain text', () => {
    const snippet = plainSnippet([
      { text: '| client | **', match: false },
      { text: 'Invoice', match: true },
      { text: '** |\n|---|---|\n| Acme | 3 invoices |', match: false },
    ]);
    expect(snippet.map((s) => s.text).join('')).toBe('client Invoice Acme 3 invoices');
    expect(snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['Invoice', 'invoice']);
  });

  it('treats the words as text, not patterns', () => {
    expect(markWords('a+b (c) a+b', ['a+b', '(c)'])).toEqual([
      { text: 'a+b', match: true },
      { text: ' ', match: false },
      { text: '(c)', match: true },
      { text: ' ', match: false },
      { text: 'a+b', match: true },
    ]);
    expect(markWords('nothing here', [])).toEqual([{ text: 'nothing here', match: false }]);
  });
});
