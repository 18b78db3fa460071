/** Who tasks can be assigned to, and how they are named in the tasks views. */
import type { DigitalHuman, Member, TaskActor } from '../../../src-main/common/contract';

/** Names by id: people and digital humans (archived ones too, for old tasks). */
export function nameIndex(members: readonly Member[], dhs: readonly DigitalHuman[]): Map<string, string> {
  return new Map([...members.map((m): [string, string] => [m.id, m.displayName]), ...dhs.map((d): [string, string] => [d.id, d.name])]);
}

/** The value of an assignee `<select>`: '' for nobody, `member:<id>` or `dh:<id>`. */
export function assigneeValue(actor: TaskActor | null): string {
  return actor ? `${actor.kind}:${actor.id}` : '';
}

/** The assignee a `<select>` value names. */
export function assigneeOf(value: string): TaskActor | null {
  const at = value.indexOf(':');
  if (at < 0) return null;
  const kind = value.slice(0, at);
  return kind === 'member' || kind === 'dh' ? { kind, id: value.slice(at + 1) } : null;
}
