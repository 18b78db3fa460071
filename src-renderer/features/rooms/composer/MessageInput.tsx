/**
 * The text area of the composer and of the inline editor: grows with its
 * text, Enter submits and Shift+Enter breaks the line, and typing `@` or `#`
 * opens completions (people and digital humans, or rooms) driven entirely
 * from the keyboard: ↑/↓ to choose, Enter or Tab to insert, Esc to close.
 * It is an ARIA combobox whose popup is a listbox.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { applyCompletion, findTrigger } from './findTrigger';
import type { Trigger } from './findTrigger';
import { foldText, matchMentions } from './matchMentions';
import type { MentionCandidate } from './matchMentions';
import { SuggestionList } from './SuggestionList';
import type { Suggestion } from './SuggestionList';

interface MessageInputProps {
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  /** Esc with no completion open (the editor cancels). */
  onCancel?(): void;
  /** ↑ in an empty field (edit the last message). */
  onArrowUpEmpty?(): void;
  candidates: readonly MentionCandidate[];
  roomNames: readonly string[];
  placeholder: string;
  label: string;
  testId: string;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  autoFocus?: boolean;
  disabled?: boolean;
  onFocus?(): void;
}

/** Tallest the field grows before it scrolls. */
const MAX_HEIGHT = 240;

function suggestionsFor(trigger: Trigger | null, candidates: readonly MentionCandidate[], roomNames: readonly string[]): Suggestion[] {
  if (!trigger) return [];
  if (trigger.kind === 'mention') {
    return matchMentions(trigger.query, candidates).map((c) => ({ id: c.id, value: c.handle, label: c.displayName, detail: `@${c.handle}`, kind: c.kind }));
  }
  const query = foldText(trigger.query);
  return roomNames
    .filter((name) => foldText(name).includes(query))
    .sort((a, b) => Number(!foldText(a).startsWith(query)) - Number(!foldText(b).startsWith(query)) || a.localeCompare(b))
    .slice(0, 8)
    .map((name) => ({ id: name, value: name, label: `#${name}`, detail: '', kind: 'room' as const }));
}

export function MessageInput(props: MessageInputProps): ReactNode {
  const { value, onChange, candidates, roomNames } = props;
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const ref = props.inputRef ?? ownRef;
  const listId = useId();
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [selected, setSelected] = useState(0);
  // The trigger the user closed with Esc ("kind:start"); it stays closed until another one begins.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const suggestions = useMemo(() => suggestionsFor(trigger, candidates, roomNames), [trigger, candidates, roomNames]);
  const open = suggestions.length > 0 && trigger !== null && dismissed !== `${trigger.kind}:${trigger.start}`;

  // Where the caret goes once a completion's text is rendered. Set in the same
  // commit as the text, so a key typed right after lands in the right place.
  const pendingCaret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
    if (pendingCaret.current !== null && el.value === value) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [value, ref]);

  // Focus on mount with the caret at the end (an edited message continues where it ends).
  const { autoFocus } = props;
  useEffect(() => {
    const el = ref.current;
    if (!autoFocus || !el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [autoFocus, ref]);

  function updateTrigger(el: HTMLTextAreaElement): void {
    const next = el.selectionStart === el.selectionEnd ? findTrigger(el.value, el.selectionStart) : null;
    setTrigger((prev) => (prev?.start === next?.start && prev?.query === next?.query && prev?.kind === next?.kind ? prev : next));
    if (next?.query !== trigger?.query) setSelected(0);
    if (next === null || `${next.kind}:${next.start}` !== dismissed) setDismissed(null);
  }

  function accept(suggestion: Suggestion | undefined): void {
    const el = ref.current;
    if (!el || !trigger || !suggestion) return;
    const result = applyCompletion(el.value, el.selectionStart, trigger, suggestion.value);
    pendingCaret.current = result.caret;
    onChange(result.text);
    setTrigger(null);
    el.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.nativeEvent.isComposing) return;
    if (open) {
      const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        setSelected((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        accept(suggestions[selected]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(`${trigger.kind}:${trigger.start}`);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      props.onSubmit();
    } else if (event.key === 'Escape' && props.onCancel) {
      event.preventDefault();
      event.stopPropagation();
      props.onCancel();
    } else if (event.key === 'ArrowUp' && value === '' && props.onArrowUpEmpty) {
      event.preventDefault();
      props.onArrowUpEmpty();
    }
  }

  const activeId = open ? `${listId}-${selected}` : undefined;
  return (
    <div className="message-input">
      {open ? <SuggestionList id={listId} suggestions={suggestions} selected={selected} onPick={accept} onHover={setSelected} /> : null}
      <textarea
        ref={ref}
        className="message-input__field"
        rows={1}
        value={value}
        placeholder={props.placeholder}
        aria-label={props.label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={activeId}
        disabled={props.disabled}
        spellCheck
        data-testid={props.testId}
        onChange={(e) => {
          onChange(e.target.value);
          updateTrigger(e.target);
        }}
        onSelect={(e) => updateTrigger(e.currentTarget)}
        onKeyDown={onKeyDown}
        onFocus={props.onFocus}
        onBlur={() => setTrigger(null)}
      />
    </div>
  );
}
