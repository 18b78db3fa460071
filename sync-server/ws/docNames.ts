/**
 * Which doc names the relay serves. A name is first checked for shape (one to
 * four `/`-separated segments of letters, digits, `_`, `-` and `.`, at most
 * 200 characters: anything else is not even a doc path, HTTP 404), then for
 * its kind: only `meta`, `governance`, `audit`, `room/<id>` and `dh/<id>`
 * (ids per ENTITY_ID_PATTERN in src-main/common/ids.ts) are served; another
 * well-formed name is refused after authentication with 4404. This is the one
 * list of doc kinds: the write policies (sync-server/policy/docPolicies.ts)
 * have one entry per kind, and a later issue adds its kind here.
 */
import { ENTITY_ID_PATTERN } from '../../src-main/common/ids';

/** Longest doc name. */
export const DOC_NAME_MAX = 200;

const SEGMENT = /^[A-Za-z0-9_.-]{1,64}$/;

/** Docs of which a workspace has exactly one. */
const SINGLE_DOCS = ['meta', 'governance', 'audit'] as const;
/** Families of docs: `<prefix>/<id>`. */
const DOC_FAMILIES = ['room', 'dh'] as const;

/** A kind of doc the relay serves: a single doc's name or a family's prefix. */
export type DocKindName = (typeof SINGLE_DOCS)[number] | (typeof DOC_FAMILIES)[number];

/** Every kind, in the order the docs list them. */
export const DOC_KIND_NAMES: readonly DocKindName[] = [...SINGLE_DOCS, ...DOC_FAMILIES];

/** Whether `name` has the shape of a doc name (the URL check, before authentication). */
export function docNameOk(name: string): boolean {
  if (name.length === 0 || name.length > DOC_NAME_MAX) return false;
  const segments = name.split('/');
  return segments.length <= 4 && segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..');
}

/** The kind of `name`, or null when the relay does not serve it. */
export function docKindOf(name: string): DocKindName | null {
  for (const single of SINGLE_DOCS) if (name === single) return single;
  const slash = name.indexOf('/');
  if (slash === -1) return null;
  const prefix = name.slice(0, slash);
  const family = DOC_FAMILIES.find((f) => f === prefix);
  return family && ENTITY_ID_PATTERN.test(name.slice(slash + 1)) ? family : null;
}
