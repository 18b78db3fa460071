/**
 * Identifier rules. A workspace id becomes a folder name under the data dir,
 * so it is checked against a strict allow-list before any path is built from
 * it: no dots, slashes, NUL bytes or absolute paths can get through.
 */
import { z } from 'zod';

/** Letters, digits, `_` and `-`; 8 to 64 characters; starts with a letter or digit. */
export const WORKSPACE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/;

/** Zod schema of a workspace id, with a message a user can act on. */
export const workspaceIdSchema = z
  .string()
  .regex(WORKSPACE_ID_PATTERN, 'Workspace id must be 8-64 letters, digits, "_" or "-"');

/** Names of Yjs docs inside a workspace: `meta`, `audit`, `room/<id>`, `dh/<id>`. */
export const DOC_NAME_PATTERN = /^(meta|audit|(room|dh)\/[A-Za-z0-9_-]{1,64})$/;

/** Zod schema of a doc name. */
export const docNameSchema = z.string().regex(DOC_NAME_PATTERN, 'Unknown document name');
