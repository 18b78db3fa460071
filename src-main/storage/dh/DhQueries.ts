/** Reads of the `digital_humans` projection (the profiles of `meta.dhs`). */
import type { DhToolName } from '../../common/contract/dhChannels';
import type { SqliteDb } from '../openSqlite';
import type { DhRecord } from './metaDhFormat';

interface DhRow {
  id: string;
  name: string;
  handle: string;
  handle_local: string;
  title: string;
  persona: string;
  color: string;
  model: string | null;
  tools: string;
  memory_enabled: number;
  template: string | null;
  created_at: number;
  created_by: string;
  archived: number;
}

function toDh(row: DhRow): DhRecord {
  return {
    id: row.id,
    name: row.name,
    handle: row.handle,
    title: row.title,
    persona: row.persona,
    color: row.color,
    model: row.model,
    tools: JSON.parse(row.tools) as DhToolName[],
    memoryEnabled: row.memory_enabled === 1,
    template: row.template,
    createdAt: row.created_at,
    createdBy: row.created_by,
    archived: row.archived === 1,
  };
}

/** Queries over the digital humans of one workspace database. */
export class DhQueries {
  private readonly listStmt;
  private readonly getStmt;
  private readonly byHandleStmt;

  constructor(db: SqliteDb) {
    this.listStmt = db.prepare('SELECT * FROM digital_humans ORDER BY created_at, id');
    this.getStmt = db.prepare('SELECT * FROM digital_humans WHERE id = ?');
    this.byHandleStmt = db.prepare('SELECT * FROM digital_humans WHERE handle = ? OR handle_local = ? ORDER BY handle = ? DESC, created_at, id');
  }

  /** Every DH of the workspace (archived ones too), oldest first. */
  list(): DhRecord[] {
    return (this.listStmt.all() as DhRow[]).map(toDh);
  }

  /** DH `id`, or null. */
  get(id: string): DhRecord | null {
    const row = this.getStmt.get(id) as DhRow | undefined;
    return row ? toDh(row) : null;
  }

  /** DHs whose full handle or local part is `handle` (lowercase), exact matches of the full handle first. */
  byHandle(handle: string): DhRecord[] {
    return (this.byHandleStmt.all(handle, handle, handle) as DhRow[]).map(toDh);
  }
}
