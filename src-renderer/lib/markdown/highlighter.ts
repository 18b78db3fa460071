/**
 * Syntax highlighting of fenced code, loaded on demand (its grammars stay out
 * of the first screen's JavaScript). highlight.js grammars through lowlight,
 * which returns a tree of spans and text (hast) instead of HTML: the view
 * turns it into React elements, so code text is never parsed as markup.
 */
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';

/** Code longer than this is shown unhighlighted (highlighting is a nicety, not worth a slow frame). */
const MAX_HIGHLIGHT_LENGTH = 20_000;

const lowlight = createLowlight({ bash, c, cpp, csharp, css, diff, go, ini, java, javascript, json, markdown, php, python, ruby, rust, shell, sql, typescript, xml, yaml });

/** A highlighted tree: spans with `hljs-*` classes around text. */
export type HighlightTree = ReturnType<typeof lowlight.highlight>;

/** The highlighted tree of `code`, or null when its language is unknown or the code too long. */
export function highlightTree(code: string, language: string): HighlightTree | null {
  const name = language.toLowerCase();
  if (name === '' || code.length > MAX_HIGHLIGHT_LENGTH || !lowlight.registered(name)) return null;
  return lowlight.highlight(name, code);
}
