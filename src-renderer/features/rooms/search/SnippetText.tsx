/**
 * A search snippet: the core's `{text, match}` segments of a message's
 * Markdown, shown as the plain text a reader sees with the matches in
 * <mark>. Never HTML, never Markdown syntax.
 */
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import type { TextSegment } from '../../../../src-main/common/contract';
import { plainSnippet } from '../../../lib/markdown/plainSnippet';

interface SnippetTextProps {
  segments: readonly TextSegment[];
}

export function SnippetText({ segments }: SnippetTextProps): ReactNode {
  const plain = useMemo(() => plainSnippet(segments), [segments]);
  return plain.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text));
}
