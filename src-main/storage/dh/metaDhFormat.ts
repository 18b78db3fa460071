/**
 * Format of the digital humans list in the `meta` doc (a write/read pair;
 * the reader never trusts what a peer wrote):
 *
 * - `dhs`: Y.Map dhId → Y.Map with one key per field: `id`, `name`,
 *   `handle` (lowercase, `philippe` or `philippe@qwanyx.com`), `title`,
 *   `persona`, `color` (`#rrggbb`), `model` (string | null: null uses the
 *   workspace's default), `tools` (array of tool names), `memoryEnabled`,
 *   `template` (string | null), `createdAt`, `createdBy` (user id) and
 *   `archived`. One key per field, so a rename on one device and a persona
 *   edit on another made at once both stay.
 *
 * Each DH is also an entry of `meta.members` with kind `dh` (written by the
 * same transaction; see metaRoomsFormat.ts), which makes it a member of the
 * workspace: in the member list, room pickers and @mention autocomplete.
 */
import * as Y from 'yjs';
import { DH_HANDLE_PATTERN, DH_TOOL_NAMES, PERSONA_MAX_LENGTH, type DhToolName } from '../../common/contract/dhChannels';
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** A digital human's profile as stored in `meta.dhs`. */
export interface DhRecord {
  id: string;
  name: string;
  handle: string;
  title: string;
  persona: string;
  color: string;
  model: string | null;
  tools: DhToolName[];
  memoryEnabled: boolean;
  template: string | null;
  createdAt: number;
  createdBy: string;
  archived: boolean;
}

/** The fields of a DH that can change after it is created. */
export type DhFields = Omit<DhRecord, 'id' | 'createdAt' | 'createdBy'>;

/** Shown for a DH whose stored colour does not parse. */
export const DEFAULT_DH_COLOR = '#647084';

/** Writes a new DH into `dhs` (one Y.Map per DH, one key per field). */
export function writeDhRecord(dhs: Y.Map<unknown>, dh: DhRecord): void {
  const entry = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(dh)) entry.set(key, value);
  dhs.set(dh.id, entry);
}

/** Sets the fields of `patch` that differ from what `entry` holds. */
export function writeDhFields(entry: Y.Map<unknown>, patch: Partial<DhFields>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = entry.get(key);
    const same = Array.isArray(value) ? JSON.stringify(current) === JSON.stringify(value) : current === value;
    if (!same) entry.set(key, value);
  }
}

/** Reads `dhs[key]`; null when it is not a well-formed DH. */
export function readDhRecord(key: string, value: unknown): DhRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || !(value instanceof Y.Map)) return null;
  const name = cleanLine(value.get('name'), 80);
  const handle = typeof value.get('handle') === 'string' ? (value.get('handle') as string).toLowerCase() : '';
  const createdAt = value.get('createdAt');
  const createdBy = value.get('createdBy');
  if (name.length === 0 || !DH_HANDLE_PATTERN.test(handle)) return null;
  if (!Number.isSafeInteger(createdAt) || typeof createdBy !== 'string') return null;
  const persona = value.get('persona');
  const color = value.get('color');
  const model = value.get('model');
  const tools = value.get('tools');
  const template = value.get('template');
  return {
    id: key,
    name,
    handle,
    title: cleanLine(value.get('title'), 120),
    persona: typeof persona === 'string' ? persona.replaceAll('\u0000', '').slice(0, PERSONA_MAX_LENGTH) : '',
    color: typeof color === 'string' && /^#[0-9a-fA-F]{6}$/.test(color) ? color : DEFAULT_DH_COLOR,
    model: typeof model === 'string' && /^[\w.:/@+-]{1,200}$/.test(model) ? model : null,
    tools: Array.isArray(tools) ? DH_TOOL_NAMES.filter((t) => tools.includes(t)) : [],
    memoryEnabled: value.get('memoryEnabled') !== false,
    template: typeof template === 'string' && /^[a-z0-9][a-z0-9-]{0,39}$/.test(template) ? template : null,
    createdAt: createdAt as number,
    createdBy,
    archived: value.get('archived') === true,
  };
}

/** A string without control characters, trimmed and cut to `max`; '' for anything else. */
function cleanLine(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, max);
}
