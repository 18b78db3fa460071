import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../src-main/common/contract';
import { identityLook } from '../../../lib/ui/identityLook';
import { MessageContext, type MessageContextValue } from './MessageContext';
import { MessageRow } from './MessageRow';

const message: Message = {
  id: 'm1',
  roomId: 'r1',
  authorId: 'u-camille',
  authorName: 'Camille Martin',
  authorKind: 'user',
  text: 'Before the rename',
  createdAt: Date.UTC(2026, 11, 5, 9, 30),
  editedAt: null,
  deleted: false,
  threadRootId: null,
  replyCount: 0,
  lastReplyAt: null,
  reactions: [],
  mentions: [],
  pinned: false,
  pending: false,
};

const noop = (): void => undefined;
const base: MessageContextValue = {
  me: 'u-me',
  references: {},
  candidates: [],
  roomNames: [],
  readOnly: false,
  actions: { react: noop, openThread: noop, startEdit: noop, stopEdit: noop, saveEdit: async () => undefined, remove: noop, pin: noop },
};

function row(context: MessageContextValue): string {
  const props = { message, showHeader: true, dayLabel: null, unreadLine: false, highlighted: false, active: false, editing: false, inThread: false, onActivate: noop };
  return renderToStaticMarkup(createElement(MessageContext.Provider, { value: context }, createElement(MessageRow, props)));
}

describe('a message row and its author', () => {
  it('shows the name stored with the message when nothing better is known', () => {
    const html = row(base);
    expect(html).toContain('<span class="msg__author">Camille Martin</span>');
    expect(html).toContain('>CM</span>');
  });

  it('shows the author’s current name and colour (a rename applies to past messages)', () => {
    const html = row({ ...base, authorLook: (id, stored) => (id === 'u-camille' ? { name: 'Camille Durand', color: '#0090ff' } : { name: stored, color: null }) });
    expect(html).toContain('<span class="msg__author">Camille Durand</span>');
    expect(html).toContain('aria-label="Camille Durand at');
    expect(html).not.toContain('Camille Martin');
    const look = identityLook('Camille Durand', '#0090ff');
    expect(html).toContain(`background-color:${look.background};color:${look.foreground}`);
    expect(html).toContain('>CD</span>');
  });
});
