/**
 * markdown-it tokens → React elements. Every element drawn is chosen here
 * from the token's type; the text of a message only ever becomes React text
 * children (escaped by React). Links carry a target that passed `safeUrl`
 * and open outside the app; `@handle` and `#room` become a mention chip or a
 * room link only when the references know them.
 */
import type { MouseEvent, ReactNode } from 'react';
import type { Token } from 'markdown-it';
import { openExternalLink } from '../openExternalLink';
import { CodeBlock } from './CodeBlock';
import { safeUrl } from './safeUrl';
import { splitReferences } from './splitReferences';
import { taskOf } from './taskListRule';
import type { MarkdownReferences } from './markdownReferences';

/** A token with the tokens between its open and close as children. */
interface TokenNode {
  token: Token;
  children: TokenNode[];
}

/** Nests a flat token stream by its `_open` / `_close` pairs. */
function nest(tokens: readonly Token[]): TokenNode[] {
  const root: TokenNode[] = [];
  const stack: TokenNode[][] = [root];
  for (const token of tokens) {
    const level = stack[stack.length - 1]!;
    if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const node: TokenNode = { token, children: [] };
    level.push(node);
    if (token.nesting === 1) stack.push(node.children);
  }
  return root;
}

function onLinkClick(event: MouseEvent<HTMLAnchorElement>, href: string): void {
  event.preventDefault();
  openExternalLink(href);
}

function renderText(text: string, key: number, refs: MarkdownReferences): ReactNode {
  const pieces = splitReferences(text);
  if (pieces.length === 1 && pieces[0]!.kind === 'text') return text;
  return pieces.map((piece, i) => {
    if (piece.kind === 'text') return piece.text;
    if (piece.kind === 'mention') {
      const target = refs.mention?.(piece.handle) ?? null;
      if (!target) return `@${piece.handle}`;
      const tone = target.self ? ' mention--self' : target.digitalHuman ? ' mention--dh' : '';
      return (
        <span key={`${key}.${i}`} className={`mention${tone}`} title={target.label} data-mention={piece.handle}>
          @{piece.handle}
        </span>
      );
    }
    const room = refs.room?.(piece.name) ?? null;
    const open = refs.onOpenRoom;
    if (!room || !open) return `#${piece.name}`;
    return (
      <button key={`${key}.${i}`} type="button" className="room-link" onClick={() => open(room.id)}>
        #{room.name}
      </button>
    );
  });
}

interface RenderContext {
  refs: MarkdownReferences;
  /** Inside a link: references stay text (a link inside a link is not a thing). */
  inLink: boolean;
  taskLabels: TaskLabels;
}

/** Accessible names of a task's box, in the UI's language. */
export interface TaskLabels {
  done: string;
  open: string;
}

function renderInline(nodes: readonly TokenNode[], ctx: RenderContext): ReactNode[] {
  return nodes.map(({ token, children }, i) => {
    switch (token.type) {
      case 'text':
      case 'text_special':
        return ctx.inLink ? token.content : renderText(token.content, i, ctx.refs);
      case 'softbreak':
      case 'hardbreak':
        return <br key={i} />;
      case 'code_inline':
        return <code key={i}>{token.content}</code>;
      case 'strong_open':
        return <strong key={i}>{renderInline(children, ctx)}</strong>;
      case 'em_open':
        return <em key={i}>{renderInline(children, ctx)}</em>;
      case 's_open':
        return <del key={i}>{renderInline(children, ctx)}</del>;
      case 'link_open': {
        const href = safeUrl(String(token.attrGet('href') ?? ''));
        const label = renderInline(children, { ...ctx, inLink: true });
        if (href === null) return <span key={i}>{label}</span>;
        return (
          <a key={i} href={href} target="_blank" rel="noopener noreferrer" className="md-link" onClick={(e) => onLinkClick(e, href)}>
            {label}
          </a>
        );
      }
      default:
        // Anything else markdown-it may produce (raw HTML is off) is shown as its source text.
        return token.content;
    }
  });
}

const ALIGN = /text-align:(left|center|right)/;

function cellClass(token: Token): string | undefined {
  const align = ALIGN.exec(String(token.attrGet('style') ?? ''))?.[1];
  return align ? `md-align-${align}` : undefined;
}

function renderBlocks(nodes: readonly TokenNode[], ctx: RenderContext): ReactNode[] {
  return nodes.map(({ token, children }, i) => {
    const inner = (): ReactNode[] => renderBlocks(children, ctx);
    switch (token.type) {
      case 'inline':
        return renderInline(nest(token.children ?? []), ctx);
      case 'paragraph_open':
        return token.hidden ? inner() : <p key={i} className="md-p">{inner()}</p>;
      case 'heading_open': {
        const level = Math.min(6, Math.max(1, Number(token.tag.slice(1)) || 1));
        const Heading = `h${level}` as 'h1';
        return <Heading key={i} className="md-h">{inner()}</Heading>;
      }
      case 'blockquote_open':
        return <blockquote key={i} className="md-quote">{inner()}</blockquote>;
      case 'bullet_list_open':
        return <ul key={i} className="md-list">{inner()}</ul>;
      case 'ordered_list_open': {
        const start = Number(token.attrGet('start') ?? 1);
        return (
          <ol key={i} className="md-list" start={start === 1 || !Number.isFinite(start) ? undefined : start}>
            {inner()}
          </ol>
        );
      }
      case 'list_item_open': {
        const task = taskOf(token);
        if (!task) return <li key={i}>{inner()}</li>;
        return (
          <li key={i} className="md-task">
            <input type="checkbox" className="md-task__box" checked={task.checked} disabled readOnly aria-label={task.checked ? ctx.taskLabels.done : ctx.taskLabels.open} />
            {inner()}
          </li>
        );
      }
      case 'fence':
      case 'code_block':
        return <CodeBlock key={i} language={token.info.trim().split(/\s+/)[0] ?? ''} text={token.content.replace(/\n$/, '')} />;
      case 'hr':
        return <hr key={i} className="md-hr" />;
      case 'table_open':
        return (
          <div key={i} className="md-table-wrap" tabIndex={0}>
            <table className="md-table">{inner()}</table>
          </div>
        );
      case 'thead_open':
        return <thead key={i}>{inner()}</thead>;
      case 'tbody_open':
        return <tbody key={i}>{inner()}</tbody>;
      case 'tr_open':
        return <tr key={i}>{inner()}</tr>;
      case 'th_open':
        return <th key={i} className={cellClass(token)}>{inner()}</th>;
      case 'td_open':
        return <td key={i} className={cellClass(token)}>{inner()}</td>;
      default:
        return token.content === '' ? inner() : token.content;
    }
  });
}

/** React elements of markdown-it's block tokens. */
export function renderTokens(tokens: readonly Token[], refs: MarkdownReferences, taskLabels: TaskLabels): ReactNode[] {
  return renderBlocks(nest(tokens), { refs, inLink: false, taskLabels });
}
