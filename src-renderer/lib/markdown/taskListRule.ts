/**
 * GitHub task lists: a list item whose text starts with `[ ] ` or `[x] `
 * becomes a task. The rule marks the item's `list_item_open` token with
 * `meta.task = { checked }` and removes the box from the text; the view
 * draws the box. Nothing is drawn from the text itself.
 */
import type { StateCore, Token } from 'markdown-it';

const BOX = /^\[([ xX])\][ \t]+/;

export interface TaskMeta {
  task: { checked: boolean };
}

/** The task state of a `list_item_open` token, or null when the item is not a task. */
export function taskOf(token: Token): { checked: boolean } | null {
  const meta = token.meta as Partial<TaskMeta> | null;
  return meta?.task ?? null;
}

export function taskListRule(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== 'inline' || tokens[i - 1]!.type !== 'paragraph_open' || tokens[i - 2]!.type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    if (!first || first.type !== 'text') continue;
    const box = BOX.exec(first.content);
    if (!box) continue;
    first.content = first.content.slice(box[0].length);
    inline.content = inline.content.replace(BOX, '');
    const item = tokens[i - 2]!;
    item.meta = { ...(item.meta as object | null), task: { checked: box[1] !== ' ' } } satisfies TaskMeta;
  }
}
