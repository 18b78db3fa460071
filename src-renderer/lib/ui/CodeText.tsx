/**
 * Renders a translated message in which `backticked` parts are code, as
 * React text nodes (never as HTML), so translators can mark a command
 * without the UI parsing markup.
 */
import type { ReactNode } from 'react';

interface CodeTextProps {
  text: string;
}

export function CodeText({ text }: CodeTextProps): ReactNode {
  const parts = text.split('`');
  return parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}
