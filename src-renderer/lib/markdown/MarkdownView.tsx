/**
 * Renders GitHub-flavoured Markdown (messages, knowledge, digital-human
 * replies) as React elements. The text is untrusted: it is parsed into
 * tokens (`parseMarkdown`, raw HTML off) and `renderTokens` chooses every
 * element from the token types, so text only ever becomes React text
 * children. Nothing here touches innerHTML.
 */
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import type { MarkdownReferences } from './markdownReferences';
import { parseMarkdown } from './parseMarkdown';
import { renderTokens } from './renderTokens';

export type { MarkdownReferences, MentionTarget, RoomTarget } from './markdownReferences';

interface MarkdownViewProps {
  text: string;
  references?: MarkdownReferences;
}

const NO_REFERENCES: MarkdownReferences = {};

/** A body of Markdown, parsed once per text. */
export function MarkdownView({ text, references = NO_REFERENCES }: MarkdownViewProps): ReactNode {
  const t = useT();
  const tokens = useMemo(() => parseMarkdown(text), [text]);
  const labels = useMemo(() => ({ done: t('markdown.task.done'), open: t('markdown.task.open') }), [t]);
  return <div className="md">{renderTokens(tokens, references, labels)}</div>;
}
