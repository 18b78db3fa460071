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
export const DOC_NAME_PATTERN = /^(meta|audit|governance|(room|dh)\/[A-Za-z0-9_-]{1,64})$/;

/**
 * Ids of things inside a workspace (rooms, messages, users, digital humans):
 * letters, digits, `_` and `-`, 1 to 64 characters. A room id becomes part of
 * a doc name (`room/<id>`), so it follows the same rule as DOC_NAME_PATTERN.
 */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Zod schema of a room id. */
export const roomIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'Room id must be 1-64 letters, digits, "_" or "-"');

/** Zod schema of a message id. */
export const messageIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'Message id must be 1-64 letters, digits, "_" or "-"');

/** Zod schema of a member id (a person's stable user id or a digital human's id). */
export const memberIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'Member id must be 1-64 letters, digits, "_" or "-"');
