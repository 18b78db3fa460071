/** A search snippet: the core's `{text, match}` segments as text, matches in <mark>. Never HTML. */
import type { ReactNode } from 'react';
import type { TextSegment } from '../../../../src-main/common/contract';

interface SnippetTextProps {
  segments: readonly TextSegment[];
}

export function SnippetText({ segments }: SnippetTextProps): ReactNode {
  return segments.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text));
}
