/**
 * Renders chat Markdown as React elements. Message text is untrusted, so
 * every piece of it ends up as a React text child (escaped by React), links
 * carry only a `safeUrl` target and open through `openExternalLink`, and
 * nothing here touches innerHTML.
 *
 * `@handle` and `#room` become a mention chip or a room link only when the
 * `references` know them; otherwise they stay the text that was typed.
 */
import { useMemo } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { openExternalLink } from '../openExternalLink';
import { highlightCode } from './highlightCode';
import type { BlockNode, InlineNode } from './markdownTypes';
import { parseMarkdown } from './parseMarkdown';

/** Someone an `@handle` names. */
export interface MentionTarget {
  label: string;
  /** True when the handle names the local user (drawn more prominently). */
  self: boolean;
  digitalHuman: boolean;
}

/** A room a `#name` names. */
export interface RoomTarget {
  id: string;
  name: string;
}

/** How the view resolves references; all optional. */
export interface MarkdownReferences {
  mention?(handle: string): MentionTarget | null;
  room?(name: string): RoomTarget | null;
  onOpenRoom?(id: string): void;
}

interface MarkdownViewProps {
  text: string;
  references?: MarkdownReferences;
}

function onLinkClick(event: MouseEvent<HTMLAnchorElement>, href: string): void {
  event.preventDefault();
  openExternalLink(href);
}

function renderInline(nodes: InlineNode[], refs: MarkdownReferences): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'break':
        return <br key={i} />;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children, refs)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children, refs)}</em>;
      case 'strike':
        return <del key={i}>{renderInline(node.children, refs)}</del>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer" className="md-link" onClick={(e) => onLinkClick(e, node.href)}>
            {renderInline(node.children, refs)}
          </a>
        );
      case 'mention': {
        const target = refs.mention?.(node.handle) ?? null;
        if (!target) return `@${node.handle}`;
        const tone = target.self ? ' mention--self' : target.digitalHuman ? ' mention--dh' : '';
        return (
          <span key={i} className={`mention${tone}`} title={target.label} data-mention={node.handle}>
            @{node.handle}
          </span>
        );
      }
      case 'room': {
        const room = refs.room?.(node.name) ?? null;
        const open = refs.onOpenRoom;
        if (!room || !open) return `#${node.name}`;
        return (
          <button key={i} type="button" className="room-link" onClick={() => open(room.id)}>
            #{room.name}
          </button>
        );
      }
    }
  });
}

function CodeBlock({ language, text }: { language: string; text: string }): ReactNode {
  const tokens = useMemo(() => highlightCode(text, language), [text, language]);
  return (
    <pre className="md-code" data-language={language || undefined}>
      <code>{tokens.map((token, i) => (token.kind === 'plain' ? token.text : <span key={i} className={`tok-${token.kind}`}>{token.text}</span>))}</code>
    </pre>
  );
}

function renderBlocks(blocks: BlockNode[], refs: MarkdownReferences): ReactNode[] {
  return blocks.map((block, i) => {
    switch (block.kind) {
      case 'paragraph':
        return (
          <p key={i} className="md-p">
            {renderInline(block.children, refs)}
          </p>
        );
      case 'code':
        return <CodeBlock key={i} language={block.language} text={block.text} />;
      case 'quote':
        return (
          <blockquote key={i} className="md-quote">
            {renderBlocks(block.children, refs)}
          </blockquote>
        );
      case 'list': {
        const items = block.items.map((item, k) => <li key={k}>{renderBlocks(item, refs)}</li>);
        return block.ordered ? (
          <ol key={i} className="md-list" start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={i} className="md-list">
            {items}
          </ul>
        );
      }
    }
  });
}

const NO_REFERENCES: MarkdownReferences = {};

/** A message body, parsed once per text. */
export function MarkdownView({ text, references = NO_REFERENCES }: MarkdownViewProps): ReactNode {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return <div className="md">{renderBlocks(blocks, references)}</div>;
}
