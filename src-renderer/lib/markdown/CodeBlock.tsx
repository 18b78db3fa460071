/**
 * A fenced code block. The code shows at once as plain text; the
 * highlighter loads on first need (its own chunk) and the block redraws
 * highlighted. The tree it returns holds only spans and text, drawn here as
 * React elements: code text is always a text child.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { HighlightTree, highlightTree } from './highlighter';

interface Highlighter {
  highlightTree: typeof highlightTree;
}
type TreeNode = HighlightTree['children'][number];

let loaded: Highlighter | null = null;
let loading: Promise<Highlighter> | null = null;

/** Loads the highlighter once; later code blocks highlight in their first render. */
export function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlighter').then((module) => (loaded = module));
  return loading;
}

function renderTree(nodes: readonly TreeNode[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element') return null;
    const className = node.properties.className;
    return (
      <span key={i} className={Array.isArray(className) ? className.join(' ') : undefined}>
        {renderTree(node.children as TreeNode[])}
      </span>
    );
  });
}

export function CodeBlock({ language, text }: { language: string; text: string }): ReactNode {
  const [highlighter, setHighlighter] = useState<Highlighter | null>(loaded);
  const wanted = language !== '';
  useEffect(() => {
    if (!wanted || highlighter) return undefined;
    let live = true;
    loadHighlighter().then(
      (module) => live && setHighlighter(module),
      () => undefined, // Unhighlighted code is still readable.
    );
    return () => {
      live = false;
    };
  }, [wanted, highlighter]);
  const tree = useMemo(() => (highlighter && wanted ? highlighter.highlightTree(text, language) : null), [highlighter, wanted, text, language]);
  return (
    <pre className="md-code" data-language={language || undefined} tabIndex={0}>
      <code>{tree ? renderTree(tree.children) : text}</code>
    </pre>
  );
}
