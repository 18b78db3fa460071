/**
 * The SQL of one group commit to the PostgreSQL doc log (PgDocPersistence.ts):
 * one statement, so the whole group is one transaction sent in one round trip.
 * Its transaction used to be BEGIN, one advisory lock per doc, two inserts and
 * COMMIT, each a round trip: with a busy CPU most of a commit's time went to
 * waiting for the relay's next statement, locks held.
 *
 * Order inside the statement, which is what keeps nodes that append the same
 * docs at once from waiting on each other in a cycle: the advisory locks of
 * the docs (ascending ids, the order `unnest` yields them) are taken by the
 * `locks` CTE, which both inserts read in a one-time filter before their
 * first row; the rows of a doc (its updates, its writers' byte counts) are
 * then only ever written by the holder of that doc's lock. Without writers
 * (updates forwarded by another node), the statement does not touch the
 * writer table at all, not even to lock it.
 */
import type { DocAppend } from '../persistence/DocPersistence';

/**
 * A parameterised statement for `pg`. `name` makes it a prepared statement
 * of each pooled connection: parsed and planned once per connection instead
 * of on every group commit (there are two texts, with and without writers).
 */
export interface AppendStatement {
  name: string;
  text: string;
  values: unknown[];
}

const LOCKS = `WITH locks AS MATERIALIZED (
  SELECT pg_advisory_xact_lock(id) FROM unnest($1::bigint[]) AS id
)`;
const INSERT_UPDATES = `INSERT INTO relay_updates (doc_id, entry_id, data)
  SELECT doc_id, entry_id, data FROM unnest($2::bigint[], $3::text[], $4::bytea[]) AS u(doc_id, entry_id, data)
  WHERE (SELECT count(*) FROM locks) > 0
  ON CONFLICT (doc_id, entry_id) DO NOTHING`;
const ADD_WRITER_BYTES = `INSERT INTO relay_doc_writer_bytes (doc_id, user_id, bytes)
  SELECT doc_id, user_id, bytes FROM unnest($5::bigint[], $6::text[], $7::bigint[]) AS w(doc_id, user_id, bytes)
  WHERE (SELECT count(*) FROM locks) > 0
  ON CONFLICT (doc_id, user_id) DO UPDATE SET bytes = relay_doc_writer_bytes.bytes + excluded.bytes`;

const WITHOUT_WRITERS = `${LOCKS}\n${INSERT_UPDATES}`;
const WITH_WRITERS = `${LOCKS}, updates AS (\n${INSERT_UPDATES}\n)\n${ADD_WRITER_BYTES}`;

/** The statement appending `appends`, whose doc ids are `docIds` (same order). */
export function appendStatement(appends: readonly DocAppend[], docIds: readonly string[]): AppendStatement {
  const entryIds: (string | null)[] = [];
  const data: Buffer[] = [];
  // Bytes per doc and writer: one row each (an upsert may not touch a row twice in one statement).
  const writers = new Map<string, { docId: string; userId: string; bytes: number }>();
  for (let i = 0; i < appends.length; i++) {
    const { update, writerId, entryId } = appends[i]!;
    entryIds.push(entryId ?? null);
    data.push(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    if (writerId === undefined) continue;
    const docId = docIds[i]!;
    const key = `${docId}\u0000${writerId}`;
    const entry = writers.get(key);
    if (entry) entry.bytes += update.length;
    else writers.set(key, { docId, userId: writerId, bytes: update.length });
  }
  const lockOrder = [...new Set(docIds)].sort(compareIds);
  if (writers.size === 0) return { name: 'qwanyx_append', text: WITHOUT_WRITERS, values: [lockOrder, docIds, entryIds, data] };
  const list = [...writers.values()];
  return {
    name: 'qwanyx_append_writers',
    text: WITH_WRITERS,
    values: [lockOrder, docIds, entryIds, data, list.map((w) => w.docId), list.map((w) => w.userId), list.map((w) => w.bytes)],
  };
}

/** Ascending order of two bigint ids given as decimal strings. */
function compareIds(x: string, y: string): number {
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}
